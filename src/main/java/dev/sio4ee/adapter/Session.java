package dev.sio4ee.adapter;

import dev.sio4ee.protocol.Packet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The state of a socket kept for connection-state recovery (socket.io-adapter's {@code Session}): saved by
 * {@link Adapter#persistSession} when the socket drops for a recoverable reason, handed back by
 * {@link Adapter#restoreSession} with the packets the client missed since its last offset.
 *
 * <pre>{@code
 * adapter.persistSession(new Session(socketId, pid, Set.of(socketId, "room1"), Map.of("user", "alice"), List.of()));
 * adapter.restoreSession(pid, offset).thenAccept(s -> s.missedPackets().forEach(p -> send(p)));
 * }</pre>
 *
 * @param sid           the socket id, kept by the recovered socket
 * @param pid           the private session id (sent only to the client, in the CONNECT reply)
 * @param rooms         the rooms the socket was in, its own id included (unmodifiable copy)
 * @param data          a copy of the socket's {@code data} (unmodifiable; values may be null)
 * @param missedPackets the EVENT packets emitted after the client's offset to rooms it was in, oldest first;
 *                      empty when persisting
 */
public record Session(String sid, String pid, Set<String> rooms, Map<String, Object> data,
                      List<Packet> missedPackets) {

    /**
     * Copies the collections.
     *
     * <pre>{@code new Session(id, pid, Set.of(id), Map.of(), List.of())}</pre>
     *
     * @param sid           see the record doc
     * @param pid           see the record doc
     * @param rooms         see the record doc
     * @param data          see the record doc
     * @param missedPackets see the record doc
     */
    public Session {
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(pid, "pid");
        rooms = rooms == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(rooms));
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
        missedPackets = missedPackets == null ? List.of() : List.copyOf(missedPackets);
    }

    /**
     * A copy carrying the missed packets.
     * <pre>{@code Session restored = stored.withMissedPackets(missed);}</pre>
     *
     * @param packets the packets, oldest first
     * @return the copy
     */
    public Session withMissedPackets(List<Packet> packets) {
        return new Session(sid, pid, rooms, data, packets);
    }
}
