package dev.sio4ee.adapter;

/**
 * Hears the room events of one adapter (one namespace, this server only), socket.io-adapter's
 * {@code create-room}, {@code delete-room}, {@code join-room} and {@code leave-room}. Each event is fired after the
 * room maps changed, on the thread that changed them, outside the adapter's lock and outside any lock the caller
 * declared with {@link Adapter#withRoomEventsAfter} (the namespace's recovery gate). A socket's own room (named after
 * its id) fires them too; tell it apart with {@code adapter.sids().containsKey(room)}.
 *
 * <pre>{@code
 * adapter.addRoomListener(new RoomListener() {
 *     public void onJoinRoom(String room, String id) { log(id + " joined " + room); }
 * });
 * }</pre>
 */
public interface RoomListener {

    /**
     * A room got its first member ({@code create-room}); {@link #onJoinRoom} follows.
     * <pre>{@code public void onCreateRoom(String room) { subscribe(room); }}</pre>
     *
     * @param room the room
     */
    default void onCreateRoom(String room) {
    }

    /**
     * The last member left a room ({@code delete-room}), after {@link #onLeaveRoom}.
     * <pre>{@code public void onDeleteRoom(String room) { unsubscribe(room); }}</pre>
     *
     * @param room the room
     */
    default void onDeleteRoom(String room) {
    }

    /**
     * A socket entered a room ({@code join-room}).
     * <pre>{@code public void onJoinRoom(String room, String id) { log(id + " joined " + room); }}</pre>
     *
     * @param room the room
     * @param id   the socket id
     */
    default void onJoinRoom(String room, String id) {
    }

    /**
     * A socket left a room ({@code leave-room}).
     * <pre>{@code public void onLeaveRoom(String room, String id) { log(id + " left " + room); }}</pre>
     *
     * @param room the room
     * @param id   the socket id
     */
    default void onLeaveRoom(String room, String id) {
    }
}
