package dev.sio4ee.admin;

import dev.sio4ee.adapter.SocketDetails;
import dev.sio4ee.protocol.Binary;
import dev.sio4ee.server.Socket;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The admin UI's shapes: {@code SerializedSocket}, dates as JavaScript's {@code Date.toJSON()}. */
final class Serialized {
    /** The key of the admin's own entry in {@code socket.data} ({@code {clientId, transport}}), as in Node. */
    static final String ADMIN_KEY = "_admin";
    private static final DateTimeFormatter JS_JSON_DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Serialized() {
    }

    /** {@code new Date().toJSON()}. */
    static String date(long epochMillis) {
        return JS_JSON_DATE.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A local socket's snapshot. */
    static SocketDetails details(Socket socket) {
        Map<String, Object> data = socket.data();
        Map<String, Object> copy;
        synchronized (data) {
            copy = new LinkedHashMap<>(data);
        }
        return new SocketDetails(socket.id(), socket.handshake().toJson(), socket.rooms(), copy);
    }

    /**
     * Node's {@code SerializedSocket}: {@code {id, clientId, transport, nsp, data, handshake, rooms}}, the client id
     * and transport read from {@code data._admin} (so that sockets of other servers, Node ones included, show them
     * too), the handshake without {@code auth}, the address from {@code cf-connecting-ip} or {@code x-forwarded-for}
     * when a proxy set them.
     */
    static Map<String, Object> socket(SocketDetails s, String nsp) {
        Object admin = s.data().get(ADMIN_KEY);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("clientId", field(admin, "clientId"));
        out.put("transport", field(admin, "transport"));
        out.put("nsp", nsp);
        out.put("data", data(s.data()));
        JsonObject h = s.handshake();
        Map<String, Object> handshake = new LinkedHashMap<>();
        JsonObject headers = h.get("headers") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
        String address = text(headers.get("cf-connecting-ip"));
        if (address == null) {
            address = text(headers.get("x-forwarded-for"));
        }
        if (address == null) {
            address = text(h.get("address"));
        }
        handshake.put("address", address);
        handshake.put("headers", headers);
        for (String key : List.of("query", "issued", "secure", "time", "url", "xdomain")) {
            handshake.put(key, h.getOrDefault(key, JsonValue.NULL));
        }
        out.put("handshake", handshake);
        out.put("rooms", new ArrayList<>(s.rooms()));
        return out;
    }

    /** {@code socket.data} without {@code _admin}, each value as JSON (the text of what cannot become JSON). */
    static Map<String, Object> data(Map<String, Object> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        data.forEach((k, v) -> {
            if (!ADMIN_KEY.equals(k)) {
                out.put(k, jsonable(v));
            }
        });
        return out;
    }

    private static Object jsonable(Object value) {
        try {
            Binary.deconstruct(value);
            return value;
        } catch (IllegalArgumentException e) {
            return String.valueOf(value);
        }
    }

    private static Object field(Object admin, String key) {
        if (admin instanceof JsonObject o) {
            return text(o.get(key));
        }
        if (admin instanceof Map<?, ?> m) {
            Object v = m.get(key);
            return v instanceof JsonString js ? js.getString() : v;
        }
        return null;
    }

    private static String text(JsonValue v) {
        return v instanceof JsonString s && !s.getString().isEmpty() ? s.getString() : null;
    }
}
