package dev.sio4ee.adapter;

import dev.sio4ee.protocol.Packet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Rooms and fan-out for one namespace: the surface of socket.io-adapter's {@code Adapter}. The
 * {@link InMemoryAdapter} serves one server; a cluster adapter ({@link ClusterAdapter} and its transports)
 * overrides the operations that must reach the other servers (broadcasts, fetchSockets, addSockets, delSockets,
 * disconnectSockets, serverSideEmit, serverCount) and keeps the local room maps. Methods returning a {@link CompletionStage} may involve other servers.
 *
 * <pre>{@code
 * Adapter adapter = new InMemoryAdapter(namespace);
 * adapter.addAll(socketId, Set.of(socketId, "room1"));
 * adapter.broadcast(Packet.event("/", "news", List.of("hi")), BroadcastOptions.rooms("room1"));
 * }</pre>
 */
public interface Adapter {

    /** Creates the adapter of a namespace (for example {@code InMemoryAdapter::new}). */
    @FunctionalInterface
    interface Factory {
        /**
         * Creates the adapter of a namespace.
         * <pre>{@code Adapter.Factory f = InMemoryAdapter::new;}</pre>
         *
         * @param host the namespace
         * @return its adapter
         */
        Adapter create(AdapterHost host);
    }

    /**
     * The namespace this adapter serves.
     * <pre>{@code adapter.host().name() // "/"}</pre>
     *
     * @return the namespace
     */
    AdapterHost host();

    /**
     * Adds a socket to rooms (firing {@code create-room} and {@code join-room} as needed).
     * <pre>{@code adapter.addAll(id, Set.of(id, "room1"));}</pre>
     *
     * @param id    the socket id
     * @param rooms the rooms
     */
    void addAll(String id, Set<String> rooms);

    /**
     * Removes a socket from a room (firing {@code leave-room}, then {@code delete-room} if it was the last one).
     * <pre>{@code adapter.del(id, "room1");}</pre>
     *
     * @param id   the socket id
     * @param room the room
     */
    void del(String id, String room);

    /**
     * Removes a socket from all its rooms.
     * <pre>{@code adapter.delAll(id);}</pre>
     *
     * @param id the socket id
     */
    void delAll(String id);

    /**
     * A snapshot of the rooms of this server: room name to socket ids.
     * <pre>{@code adapter.rooms().get("room1") // [id1, id2]}</pre>
     *
     * @return an unmodifiable copy
     */
    Map<String, Set<String>> rooms();

    /**
     * A snapshot of the sockets of this server: socket id to rooms.
     * <pre>{@code adapter.sids().get(id) // [id, "room1"]}</pre>
     *
     * @return an unmodifiable copy
     */
    Map<String, Set<String>> sids();

    /**
     * Sends a packet to the matching sockets, encoding it once.
     * <pre>{@code adapter.broadcast(Packet.event("/", "hello", List.of("world")), BroadcastOptions.ALL);}</pre>
     *
     * @param packet an EVENT packet (its namespace is set to this adapter's)
     * @param opts   the targets and flags
     */
    void broadcast(Packet packet, BroadcastOptions opts);

    /**
     * Sends a packet expecting an acknowledgement from every matching socket.
     * <pre>{@code adapter.broadcastWithAck(packet, opts, count -> expected += count, ack -> responses.add(ack));}</pre>
     *
     * @param packet      an EVENT packet (an ack id is assigned)
     * @param opts        the targets and flags
     * @param clientCount called once per server with the number of sockets reached there
     * @param ack         called with each client's ACK packet
     */
    void broadcastWithAck(Packet packet, BroadcastOptions opts, IntConsumer clientCount, Consumer<Packet> ack);

    /**
     * The ids of the sockets in any of the rooms (all sockets when empty).
     * <pre>{@code adapter.sockets(Set.of("room1")).thenAccept(ids -> ...);}</pre>
     *
     * @param rooms the rooms
     * @return the socket ids
     */
    CompletionStage<Set<String>> sockets(Set<String> rooms);

    /**
     * The rooms of a socket of this server.
     * <pre>{@code adapter.socketRooms(id) // [id, "room1"]}</pre>
     *
     * @param id the socket id
     * @return an unmodifiable copy, empty if the socket is unknown
     */
    Set<String> socketRooms(String id);

    /**
     * Snapshots of the matching sockets.
     * <pre>{@code adapter.fetchSockets(BroadcastOptions.rooms("room1")).thenAccept(list -> ...);}</pre>
     *
     * @param opts the targets ({@code flags.local} restricts to this server)
     * @return the sockets
     */
    CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions opts);

    /**
     * Makes the matching sockets join rooms.
     * <pre>{@code adapter.addSockets(BroadcastOptions.ALL, Set.of("room1"));}</pre>
     *
     * @param opts  the targets
     * @param rooms the rooms to join
     */
    void addSockets(BroadcastOptions opts, Set<String> rooms);

    /**
     * Makes the matching sockets leave rooms.
     * <pre>{@code adapter.delSockets(BroadcastOptions.ALL, Set.of("room1"));}</pre>
     *
     * @param opts  the targets
     * @param rooms the rooms to leave
     */
    void delSockets(BroadcastOptions opts, Set<String> rooms);

    /**
     * Disconnects the matching sockets.
     * <pre>{@code adapter.disconnectSockets(BroadcastOptions.rooms("room1"), true);}</pre>
     *
     * @param opts  the targets
     * @param close whether to close the underlying connections
     */
    void disconnectSockets(BroadcastOptions opts, boolean close);

    /**
     * Sends an event to the other servers of the cluster (not to this one).
     * <pre>{@code adapter.serverSideEmit(Packet.event("/", "hello", List.of("world")));}</pre>
     *
     * @param packet an EVENT packet {@code [name, ...args]}
     */
    void serverSideEmit(Packet packet);

    /**
     * Sends an event to the other servers and collects one answer per server.
     * <pre>{@code adapter.serverSideEmitWithAck(packet, 5_000).thenAccept(answers -> ...);}</pre>
     *
     * @param packet        an EVENT packet {@code [name, ...args]}
     * @param timeoutMillis how long to wait for the answers
     * @return the answers, as ACK packets (empty with a single server); fails with a
     *     {@link java.util.concurrent.TimeoutException} when some server did not answer in time
     */
    CompletionStage<List<Packet>> serverSideEmitWithAck(Packet packet, long timeoutMillis);

    /**
     * The number of servers of the cluster, this one included.
     * <pre>{@code adapter.serverCount().thenAccept(n -> ...); // 1 for the in-memory adapter}</pre>
     *
     * @return the count
     */
    CompletionStage<Integer> serverCount();

    /**
     * Saves the state of a socket that dropped for a recoverable reason, so that a reconnection within the
     * recovery window gets it back (connection-state recovery). Does nothing by default: only adapters that
     * support recovery ({@link SessionAwareAdapter}) keep sessions.
     * <pre>{@code adapter.persistSession(new Session(id, pid, Set.of(id, "room1"), Map.of(), List.of()));}</pre>
     *
     * @param session the socket's id, private id, rooms and data ({@code missedPackets} is ignored)
     */
    default void persistSession(Session session) {
    }

    /**
     * Finds a saved session and the packets its client missed since the given offset. Completes with
     * {@code null} when the session is unknown or expired, or the offset is no longer known (by default: always).
     * <pre>{@code adapter.restoreSession(pid, offset).thenAccept(s -> { if (s != null) recover(s); });}</pre>
     *
     * @param pid    the private session id sent by the client ({@code auth.pid})
     * @param offset the offset of the last packet the client processed ({@code auth.offset})
     * @return the session with its missed packets, or {@code null}
     */
    default CompletionStage<Session> restoreSession(String pid, String offset) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /**
     * Adds a listener of the room events.
     * <pre>{@code adapter.addRoomListener(listener);}</pre>
     *
     * @param listener the listener
     */
    void addRoomListener(RoomListener listener);

    /**
     * Removes a listener of the room events.
     * <pre>{@code adapter.removeRoomListener(listener);}</pre>
     *
     * @param listener the listener
     */
    void removeRoomListener(RoomListener listener);

    /**
     * Runs work that changes rooms, and fires the room events it causes on this thread only after the work
     * returned, so a caller that holds a lock around its room changes (the namespace's recovery gate) never runs
     * the {@link RoomListener}s under it. Calls nest: the outermost one fires. By default the work just runs.
     * <pre>{@code adapter.withRoomEventsAfter(() -> { lock.lock(); try { adapter.addAll(id, rooms); } finally { lock.unlock(); } });}</pre>
     *
     * @param work the work
     */
    default void withRoomEventsAfter(Runnable work) {
        work.run();
    }

    /**
     * Releases the adapter (its namespace is gone or the server stops).
     * <pre>{@code adapter.close();}</pre>
     */
    void close();
}
