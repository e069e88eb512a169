package dev.sio4ee.adapter;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who receives a broadcast: the sockets in any of {@link #rooms()} (every socket of the namespace when empty),
 * minus the sockets in any of {@link #except()}, with the given {@link #flags()}.
 *
 * <pre>{@code
 * BroadcastOptions opts = BroadcastOptions.ALL.withRooms(Set.of("room1")).withExcept(Set.of(socketId));
 * adapter.broadcast(packet, opts);
 * }</pre>
 *
 * @param rooms  the target rooms, empty for all sockets (kept in order, unmodifiable)
 * @param except the excluded rooms (a socket id is a room), unmodifiable
 * @param flags  the modifiers
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, BroadcastFlags flags) {

    /** Every socket of the namespace, no modifier. */
    public static final BroadcastOptions ALL = new BroadcastOptions(Set.of(), Set.of(), BroadcastFlags.NONE);

    /**
     * Copies the sets, keeping their order.
     *
     * <pre>{@code new BroadcastOptions(Set.of("a"), Set.of(), BroadcastFlags.NONE)}</pre>
     *
     * @param rooms  see the record doc
     * @param except see the record doc
     * @param flags  see the record doc
     */
    public BroadcastOptions {
        rooms = copy(rooms);
        except = copy(except);
        flags = flags == null ? BroadcastFlags.NONE : flags;
    }

    private static Set<String> copy(Set<String> set) {
        if (set == null || set.isEmpty()) {
            return Set.of();
        }
        for (String s : set) {
            Objects.requireNonNull(s, "room");
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(set));
    }

    /**
     * The options targeting exactly these rooms.
     * <pre>{@code BroadcastOptions opts = BroadcastOptions.rooms("room1", "room2");}</pre>
     *
     * @param rooms the rooms
     * @return the options
     */
    public static BroadcastOptions rooms(String... rooms) {
        return new BroadcastOptions(new LinkedHashSet<>(java.util.Arrays.asList(rooms)), Set.of(), BroadcastFlags.NONE);
    }

    /**
     * A copy with other target rooms.
     * <pre>{@code opts.withRooms(Set.of("room1"))}</pre>
     *
     * @param value the rooms
     * @return the copy
     */
    public BroadcastOptions withRooms(Set<String> value) {
        return new BroadcastOptions(value, except, flags);
    }

    /**
     * A copy with other excluded rooms.
     * <pre>{@code opts.withExcept(Set.of(socket.id()))}</pre>
     *
     * @param value the excluded rooms
     * @return the copy
     */
    public BroadcastOptions withExcept(Set<String> value) {
        return new BroadcastOptions(rooms, value, flags);
    }

    /**
     * A copy with other flags.
     * <pre>{@code opts.withFlags(BroadcastFlags.NONE.withLocal(true))}</pre>
     *
     * @param value the flags
     * @return the copy
     */
    public BroadcastOptions withFlags(BroadcastFlags value) {
        return new BroadcastOptions(rooms, except, value);
    }
}
