package dev.sio4ee.adapter;

import dev.sio4ee.protocol.Binary;
import dev.sio4ee.protocol.Packet;
import dev.sio4ee.protocol.PacketType;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON forms of options, packets and sockets inside {@link ClusterMessage}s, with Node's field names. */
final class ClusterCodec {
    private static final System.Logger LOG = System.getLogger(ClusterCodec.class.getName());
    static final JsonProvider JSON = JsonProvider.provider();

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterCodec() {
    }

    /** A server uid or request id: 8 random bytes in hex, as Node's {@code randomId()}. */
    static String randomId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** A response carrying the first argument of an ack as {@code packet} (Node sends only that one). */
    static JsonObject firstArgument(String requestId, JsonValue args) {
        JsonValue first = args != null && args.getValueType() == JsonValue.ValueType.ARRAY
                && !args.asJsonArray().isEmpty() ? args.asJsonArray().get(0) : JsonValue.NULL;
        return object().add("requestId", requestId).add("packet", first).build();
    }

    /** The ACK packet {@code [value]} standing for one server's or client's answer. */
    static Packet ackPacket(JsonValue value, String nsp, List<byte[]> attachments) {
        JsonValue arg = value == null ? JsonValue.NULL : value;
        return new Packet(PacketType.ACK, nsp, 0, JSON.createArrayBuilder().add(arg).build(), attachments);
    }

    static JsonObjectBuilder object() {
        return JSON.createObjectBuilder();
    }

    /** {@code {"rooms":[...],"except":[...],"flags":{...}}} as Node's {@code encodeOptions}. */
    static JsonObject options(BroadcastOptions opts) {
        JsonObjectBuilder flags = object();
        BroadcastFlags f = opts.flags();
        if (f.isVolatile()) {
            flags.add("volatile", true);
        }
        flags.add("compress", f.compress());
        if (f.local()) {
            flags.add("local", true);
        }
        if (f.timeout() != null) {
            flags.add("timeout", f.timeout());
        }
        return object().add("rooms", strings(opts.rooms())).add("except", strings(opts.except()))
                .add("flags", flags).build();
    }

    static BroadcastOptions options(JsonValue json) {
        if (!(json instanceof JsonObject o)) {
            return BroadcastOptions.ALL;
        }
        JsonObject flags = o.get("flags") instanceof JsonObject f ? f : JsonValue.EMPTY_JSON_OBJECT;
        BroadcastFlags bf = new BroadcastFlags(flags.getBoolean("volatile", false),
                flags.getBoolean("compress", true), flags.getBoolean("local", false),
                flags.get("timeout") instanceof JsonNumber n ? n.longValue() : null);
        return new BroadcastOptions(strings(o.get("rooms")), strings(o.get("except")), bf);
    }

    static JsonArray strings(Iterable<String> values) {
        JsonArrayBuilder b = JSON.createArrayBuilder();
        values.forEach(b::add);
        return b.build();
    }

    static Set<String> strings(JsonValue json) {
        Set<String> out = new LinkedHashSet<>();
        if (json instanceof JsonArray a) {
            for (JsonValue v : a) {
                if (v instanceof JsonString s) {
                    out.add(s.getString());
                }
            }
        }
        return out;
    }

    /**
     * A packet as socket.io-parser's object {@code {"type":2,"nsp":"/","data":[...],"id":1}}: always the plain type
     * (EVENT, not BINARY_EVENT) as Node publishes it, since a Node receiver hands the object to its encoder, which
     * only looks for binary values in EVENT and ACK packets.
     */
    static JsonObject packet(Packet p, String nsp) {
        JsonObjectBuilder b = object().add("type", p.type().plain().code()).add("nsp", nsp);
        if (p.data() != null) {
            b.add("data", p.data());
        }
        if (p.id() != null) {
            b.add("id", p.id());
        }
        return b.build();
    }

    static Packet packet(JsonValue json, String nsp, List<byte[]> attachments) {
        JsonObject o = (JsonObject) json;
        PacketType type = PacketType.of(o.getInt("type")).plain();
        JsonValue data = o.get("data");
        Integer id = o.get("id") instanceof JsonNumber n ? n.intValue() : null;
        return new Packet(type, nsp, id, data, attachments);
    }

    /** Snapshots as Node's {@code {id, handshake, rooms, data}}, bytes in {@code data} becoming attachments. */
    static Binary.Deconstructed sockets(List<SocketDetails> sockets) {
        List<Object> list = new ArrayList<>(sockets.size());
        for (SocketDetails d : sockets) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", d.id());
            m.put("handshake", d.handshake());
            m.put("rooms", List.copyOf(d.rooms()));
            Object data = d.data();
            try {
                Binary.deconstruct(data);
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "data of socket " + d.id() + " cannot travel as JSON", e);
                data = Map.of();
            }
            m.put("data", data);
            list.add(m);
        }
        return Binary.deconstruct(list);
    }

    @SuppressWarnings("unchecked")
    static List<SocketDetails> sockets(JsonValue json, List<byte[]> attachments) {
        List<SocketDetails> out = new ArrayList<>();
        if (!(json instanceof JsonArray a)) {
            return out;
        }
        for (JsonValue v : a) {
            JsonObject o = v.asJsonObject();
            JsonObject handshake = o.get("handshake") instanceof JsonObject h ? h : JsonValue.EMPTY_JSON_OBJECT;
            Object data = Binary.reconstruct(o.get("data"), attachments);
            out.add(new SocketDetails(o.getString("id"), handshake, strings(o.get("rooms")),
                    data instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of()));
        }
        return out;
    }
}
