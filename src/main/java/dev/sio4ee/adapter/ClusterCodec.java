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

/**
 * The JSON forms of options, packets and sockets inside {@link ClusterMessage}s, with Node's field names; public for
 * the transports of {@code dev.sio4ee.adapter.redis}, which speak the same forms inside their own envelopes.
 *
 * <pre>{@code
 * JsonObject opts = ClusterCodec.options(BroadcastOptions.rooms("room1")); // {"rooms":["room1"],"except":[],...}
 * BroadcastOptions back = ClusterCodec.options(opts);
 * }</pre>
 */
public final class ClusterCodec {
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

    /**
     * A response carrying the first argument of an ack as {@code packet} (Node sends only that one).
     * <pre>{@code JsonObject r = ClusterCodec.firstArgument("42", ack.data()); // {"requestId":"42","packet":...}}</pre>
     *
     * @param requestId the request id
     * @param args      the ack's arguments (a JSON array)
     * @return the response object
     */
    public static JsonObject firstArgument(String requestId, JsonValue args) {
        JsonValue first = args != null && args.getValueType() == JsonValue.ValueType.ARRAY
                && !args.asJsonArray().isEmpty() ? args.asJsonArray().get(0) : JsonValue.NULL;
        return object().add("requestId", requestId).add("packet", first).build();
    }

    /**
     * The ACK packet {@code [value]} standing for one server's or client's answer.
     * <pre>{@code Packet ack = ClusterCodec.ackPacket(Json.createValue("ok"), "/", List.of());}</pre>
     *
     * @param value       the answer (null is JSON null)
     * @param nsp         the namespace
     * @param attachments the binary values of the answer
     * @return the packet
     */
    public static Packet ackPacket(JsonValue value, String nsp, List<byte[]> attachments) {
        JsonValue arg = value == null ? JsonValue.NULL : value;
        return new Packet(PacketType.ACK, nsp, 0, JSON.createArrayBuilder().add(arg).build(), attachments);
    }

    /**
     * A new JSON object builder.
     * <pre>{@code JsonObject o = ClusterCodec.object().add("requestId", id).build();}</pre>
     *
     * @return the builder
     */
    public static JsonObjectBuilder object() {
        return JSON.createObjectBuilder();
    }

    /**
     * {@code {"rooms":[...],"except":[...],"flags":{...}}} as Node's {@code encodeOptions}.
     * <pre>{@code JsonObject o = ClusterCodec.options(BroadcastOptions.rooms("room1"));}</pre>
     *
     * @param opts the options
     * @return the JSON form
     */
    public static JsonObject options(BroadcastOptions opts) {
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

    /**
     * Reads the JSON form of options ({@link BroadcastOptions#ALL} when absent; missing flags are defaults).
     * <pre>{@code BroadcastOptions o = ClusterCodec.options(request.get("opts"));}</pre>
     *
     * @param json the JSON form, or null
     * @return the options
     */
    public static BroadcastOptions options(JsonValue json) {
        if (!(json instanceof JsonObject o)) {
            return BroadcastOptions.ALL;
        }
        JsonObject flags = o.get("flags") instanceof JsonObject f ? f : JsonValue.EMPTY_JSON_OBJECT;
        BroadcastFlags bf = new BroadcastFlags(flags.getBoolean("volatile", false),
                flags.getBoolean("compress", true), flags.getBoolean("local", false),
                flags.get("timeout") instanceof JsonNumber n ? n.longValue() : null);
        return new BroadcastOptions(strings(o.get("rooms")), strings(o.get("except")), bf);
    }

    /**
     * A JSON array of strings.
     * <pre>{@code JsonArray a = ClusterCodec.strings(Set.of("room1"));}</pre>
     *
     * @param values the strings
     * @return the array
     */
    public static JsonArray strings(Iterable<String> values) {
        JsonArrayBuilder b = JSON.createArrayBuilder();
        values.forEach(b::add);
        return b.build();
    }

    /**
     * The strings of a JSON array (other values and a missing array are ignored).
     * <pre>{@code Set<String> rooms = ClusterCodec.strings(request.get("rooms"));}</pre>
     *
     * @param json the array, or null
     * @return the strings, in order
     */
    public static Set<String> strings(JsonValue json) {
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
     * A packet as socket.io-parser's object {@code {"type":2,"data":[...],"nsp":"/","id":1}}.
     * <pre>{@code JsonObject o = ClusterCodec.packet(Packet.event("/", "hello", List.of()), "/");}</pre>
     *
     * @param p   the packet
     * @param nsp the namespace
     * @return the object
     */
    public static JsonObject packet(Packet p, String nsp) {
        // the plain type even with binary data, as Node's adapters publish it (their parser picks BINARY_EVENT
        // itself), and Node's key order {type, data, nsp, id}
        JsonObjectBuilder b = object().add("type", p.type().code());
        if (p.data() != null) {
            b.add("data", p.data());
        }
        b.add("nsp", nsp);
        if (p.id() != null) {
            b.add("id", p.id());
        }
        return b.build();
    }

    /**
     * Reads socket.io-parser's packet object (the binary types are read as their plain ones).
     * <pre>{@code Packet p = ClusterCodec.packet(message.get("packet"), "/", attachments);}</pre>
     *
     * @param json        the object
     * @param nsp         the namespace
     * @param attachments the binary values its placeholders stand for
     * @return the packet
     * @throws ClassCastException, NullPointerException or IllegalArgumentException when malformed
     */
    public static Packet packet(JsonValue json, String nsp, List<byte[]> attachments) {
        JsonObject o = (JsonObject) json;
        PacketType type = PacketType.of(o.getInt("type")).plain();
        JsonValue data = o.get("data");
        Integer id = o.get("id") instanceof JsonNumber n ? n.intValue() : null;
        return new Packet(type, nsp, id, data, attachments);
    }

    /**
     * Snapshots as Node's {@code {id, handshake, rooms, data}}, bytes in {@code data} becoming attachments.
     * <pre>{@code Binary.Deconstructed d = ClusterCodec.sockets(adapter.fetchSockets(opts).toCompletableFuture().join());}</pre>
     *
     * @param sockets the snapshots
     * @return the JSON array and its attachments
     */
    public static Binary.Deconstructed sockets(List<SocketDetails> sockets) {
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

    /**
     * Reads Node's {@code [{id, handshake, rooms, data}]}.
     * <pre>{@code List<SocketDetails> list = ClusterCodec.sockets(response.get("sockets"), attachments);}</pre>
     *
     * @param json        the array (anything else is no socket)
     * @param attachments the binary values its placeholders stand for
     * @return the snapshots
     */
    @SuppressWarnings("unchecked")
    public static List<SocketDetails> sockets(JsonValue json, List<byte[]> attachments) {
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
