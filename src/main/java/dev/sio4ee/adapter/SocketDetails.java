package dev.sio4ee.adapter;

import jakarta.json.JsonObject;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A snapshot of one socket, as {@code fetchSockets()} returns it (from this server or, through a cluster adapter,
 * from another): the shape of Node's {@code {id, handshake, rooms, data}}.
 *
 * <pre>{@code
 * adapter.fetchSockets(BroadcastOptions.rooms("room1")).thenAccept(list ->
 *         list.forEach(d -> System.out.println(d.id() + " " + d.rooms())));
 * }</pre>
 *
 * @param id        the socket id
 * @param handshake the handshake with Node's field names ({@code headers, time, address, xdomain, secure, issued,
 *                  url, query, auth})
 * @param rooms     the rooms the socket is in (its own id included), unmodifiable
 * @param data      a copy of the socket's {@code data} map, unmodifiable (values may be null)
 */
public record SocketDetails(String id, JsonObject handshake, Set<String> rooms, Map<String, Object> data) {

    /**
     * Copies the collections.
     *
     * <pre>{@code new SocketDetails(id, handshakeJson, Set.of(id), Map.of())}</pre>
     *
     * @param id        see the record doc
     * @param handshake see the record doc
     * @param rooms     see the record doc
     * @param data      see the record doc
     */
    public SocketDetails {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(handshake, "handshake");
        rooms = rooms == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(rooms));
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
