package dev.sio4ee.protocol;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Socket.IO packet.
 *
 * <p>{@link #type()} is never {@link PacketType#BINARY_EVENT} or {@link PacketType#BINARY_ACK}: those are wire
 * types, normalised to {@link PacketType#EVENT} / {@link PacketType#ACK} by the constructor. A packet is binary
 * when it has {@link #attachments()}; its {@link #data()} then holds placeholders
 * {@code {"_placeholder":true,"num":N}} standing for {@code attachments().get(N)} (see {@link Binary}).
 *
 * <pre>{@code
 * Packet hello = Packet.event("/", "hello", List.of(1, "two"));              // 2["hello",1,"two"]
 * Packet withAck = Packet.event("/chat", "msg", List.of("hi")).withId(12);   // 2/chat,12["msg","hi"]
 * Packet file = Packet.event("/", "file", List.of(new byte[] {1, 2}));       // 51-["file",{"_placeholder":true,"num":0}]
 * Packet reply = Packet.ack("/", 12, List.of("ok"));                         // 312["ok"]
 * }</pre>
 *
 * @param type the packet type (binary types are normalised, see above)
 * @param nsp the namespace, starting with {@code /} and without comma; null means {@code "/"}
 * @param id the acknowledgement id ({@code >= 0}), or null
 * @param data the payload, or null when absent ({@link JsonValue#NULL} is normalised to null)
 * @param attachments the binary attachments (null means none); only for EVENT and ACK packets
 */
public record Packet(PacketType type, String nsp, Integer id, JsonValue data, List<byte[]> attachments) {

    /** The main namespace. */
    public static final String DEFAULT_NAMESPACE = "/";

    /**
     * Validates and normalises the components.
     *
     * <pre>{@code Packet p = new Packet(PacketType.EVENT, "/", null, data, List.of());}</pre>
     *
     * @param type the packet type
     * @param nsp the namespace
     * @param id the acknowledgement id
     * @param data the payload
     * @param attachments the binary attachments
     * @throws IllegalArgumentException if the namespace does not start with {@code /} or contains a comma, the
     *     id is negative, or attachments are given for a type other than EVENT and ACK
     */
    public Packet {
        Objects.requireNonNull(type, "type");
        type = type.plain();
        nsp = nsp == null ? DEFAULT_NAMESPACE : nsp;
        if (!nsp.startsWith("/")) {
            throw new IllegalArgumentException("invalid namespace: must start with '/': " + nsp);
        }
        if (nsp.indexOf(',') >= 0) {
            throw new IllegalArgumentException("invalid namespace: must not contain a comma");
        }
        if (id != null && id < 0) {
            throw new IllegalArgumentException("invalid ack id: " + id);
        }
        data = data == JsonValue.NULL ? null : data;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        if (!attachments.isEmpty() && type != PacketType.EVENT && type != PacketType.ACK) {
            throw new IllegalArgumentException("only EVENT and ACK packets can have attachments, not " + type);
        }
    }

    /**
     * A packet without id nor attachments.
     *
     * <pre>{@code Packet p = new Packet(PacketType.CONNECT, "/admin", null); // 0/admin,}</pre>
     *
     * @param type the packet type
     * @param nsp the namespace
     * @param data the payload, or null
     */
    public Packet(PacketType type, String nsp, JsonValue data) {
        this(type, nsp, null, data, List.of());
    }

    /**
     * A CONNECT packet: the client's request (with its optional auth payload) or the server's approval
     * (with {@code {"sid": ...}}).
     *
     * <pre>{@code Packet p = Packet.connect("/admin", Json.createObjectBuilder().add("sid", "abc").build());}</pre>
     *
     * @param nsp the namespace
     * @param data the payload, or null
     * @return the packet
     */
    public static Packet connect(String nsp, JsonObject data) {
        return new Packet(PacketType.CONNECT, nsp, data);
    }

    /**
     * A DISCONNECT packet.
     *
     * <pre>{@code Packet p = Packet.disconnect("/admin"); // 1/admin,}</pre>
     *
     * @param nsp the namespace
     * @return the packet
     */
    public static Packet disconnect(String nsp) {
        return new Packet(PacketType.DISCONNECT, nsp, null);
    }

    /**
     * A CONNECT_ERROR packet with the payload {@code {"message": message}}.
     *
     * <pre>{@code Packet p = Packet.connectError("/", "Not authorized"); // 4{"message":"Not authorized"}}</pre>
     *
     * @param nsp the namespace
     * @param message the error message
     * @return the packet
     */
    public static Packet connectError(String nsp, String message) {
        return new Packet(PacketType.CONNECT_ERROR, nsp,
                JsonText.objectBuilder().add("message", String.valueOf(message)).build());
    }

    /**
     * An EVENT packet {@code [name, ...args]}; {@code byte[]} arguments (at any depth) become attachments. See
     * {@link Binary#deconstruct(Object)} for the supported argument types. An {@link Encoded} list (arguments
     * received and sent on) is taken as it is.
     *
     * <pre>{@code Packet p = Packet.event("/", "hello", List.of("world", 42)); // 2["hello","world",42]}</pre>
     *
     * @param nsp the namespace
     * @param name the event name
     * @param args the arguments, or null for none
     * @return the packet, without ack id (see {@link #withId(Integer)})
     * @throws IllegalArgumentException if an argument cannot be converted to JSON
     */
    public static Packet event(String nsp, String name, List<?> args) {
        if (args instanceof Encoded encoded) { // already in wire form: no conversion, same attachment numbers
            JsonArrayBuilder b = JsonText.arrayBuilder().add(Objects.requireNonNull(name, "name"));
            encoded.json().forEach(b::add);
            return new Packet(PacketType.EVENT, nsp, null, b.build(), encoded.attachments());
        }
        List<Object> all = new ArrayList<>(args == null ? 1 : args.size() + 1);
        all.add(Objects.requireNonNull(name, "name"));
        if (args != null) {
            all.addAll(args);
        }
        Binary.Deconstructed d = Binary.deconstruct(all);
        return new Packet(PacketType.EVENT, nsp, null, d.data(), d.attachments());
    }

    /**
     * An ACK packet {@code [...args]}; {@code byte[]} arguments become attachments.
     *
     * <pre>{@code Packet p = Packet.ack("/", 12, List.of("ok")); // 312["ok"]}</pre>
     *
     * @param nsp the namespace
     * @param id the id of the event being acknowledged
     * @param args the arguments, or null for none
     * @return the packet
     * @throws IllegalArgumentException if an argument cannot be converted to JSON
     */
    public static Packet ack(String nsp, int id, List<?> args) {
        Binary.Deconstructed d = Binary.deconstruct(args == null ? List.of() : args);
        return new Packet(PacketType.ACK, nsp, id, d.data(), d.attachments());
    }

    /**
     * This packet with another ack id.
     *
     * <pre>{@code Packet p = Packet.event("/", "ping", null).withId(1); // 21["ping"]}</pre>
     *
     * @param newId the ack id, or null for none
     * @return a copy with that id
     */
    public Packet withId(Integer newId) {
        return new Packet(type, nsp, newId, data, attachments);
    }

    /**
     * This EVENT packet with one more string argument at the end (connection-state recovery appends the
     * packet's offset this way, so clients that do not know it just see an extra argument).
     *
     * <pre>{@code Packet p = Packet.event("/", "hi", null).withArgument("ab12"); // 2["hi","ab12"]}</pre>
     *
     * @param value the argument
     * @return a copy with the argument appended
     * @throws IllegalStateException if this is not an EVENT packet
     */
    public Packet withArgument(String value) {
        if (type != PacketType.EVENT) {
            throw new IllegalStateException("only EVENT packets have arguments, not " + type);
        }
        JsonArrayBuilder b = JsonText.arrayBuilder();
        data.asJsonArray().forEach(b::add);
        b.add(Objects.requireNonNull(value, "value"));
        return new Packet(type, nsp, id, b.build(), attachments);
    }

    /**
     * The type written on the wire: {@link PacketType#BINARY_EVENT} / {@link PacketType#BINARY_ACK} when the
     * packet has attachments, else {@link #type()}.
     *
     * <pre>{@code PacketType t = Packet.event("/", "f", List.of(new byte[0])).wireType(); // BINARY_EVENT}</pre>
     *
     * @return the wire type
     */
    public PacketType wireType() {
        return attachments.isEmpty() ? type : type.binary();
    }

    /**
     * Whether the payload is allowed for the type, as checked by the {@link Decoder} (and by
     * socket.io-parser's {@code isPacketValid}): CONNECT absent or an object, DISCONNECT absent, CONNECT_ERROR a
     * string or an object, EVENT a non-empty array whose first element is a string or a number, ACK an array.
     * Reserved event names are not checked here.
     *
     * <pre>{@code boolean ok = Packet.disconnect("/").isValid(); // true}</pre>
     *
     * @return true if the packet can be encoded and decoded
     */
    public boolean isValid() {
        return isPayloadValid(type, data);
    }

    /** The payload rule of {@link #isValid()}; {@code data == null} means absent. */
    static boolean isPayloadValid(PacketType type, JsonValue data) {
        JsonValue.ValueType vt = data == null ? null : data.getValueType();
        return switch (type) {
            case CONNECT -> data == null || vt == JsonValue.ValueType.OBJECT;
            case DISCONNECT -> data == null;
            case CONNECT_ERROR -> vt == JsonValue.ValueType.OBJECT || vt == JsonValue.ValueType.STRING;
            case EVENT, BINARY_EVENT -> vt == JsonValue.ValueType.ARRAY && !data.asJsonArray().isEmpty()
                    && isEventName(data.asJsonArray().get(0));
            case ACK, BINARY_ACK -> vt == JsonValue.ValueType.ARRAY;
        };
    }

    private static boolean isEventName(JsonValue first) {
        JsonValue.ValueType vt = first.getValueType();
        return vt == JsonValue.ValueType.STRING || vt == JsonValue.ValueType.NUMBER;
    }

    /**
     * Compares all components, the attachments by content.
     *
     * <pre>{@code boolean same = decoded.equals(original);}</pre>
     *
     * @param o the other object
     * @return true if equal
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Packet p) || type != p.type || !nsp.equals(p.nsp) || !Objects.equals(id, p.id)
                || !Objects.equals(data, p.data) || attachments.size() != p.attachments.size()) {
            return false;
        }
        for (int i = 0; i < attachments.size(); i++) {
            if (!Arrays.equals(attachments.get(i), p.attachments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * <pre>{@code int h = packet.hashCode();}</pre>
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        int h = Objects.hash(type, nsp, id, data);
        for (byte[] a : attachments) {
            h = 31 * h + Arrays.hashCode(a);
        }
        return h;
    }

    /**
     * A readable form, attachments shown by size.
     *
     * <pre>{@code packet.toString(); // Packet[type=EVENT, nsp=/, id=null, data=["a",{...}], attachments=[3 bytes]]}</pre>
     *
     * @return the description
     */
    @Override
    public String toString() {
        List<String> sizes = attachments.stream().map(a -> a.length + " bytes").toList();
        return "Packet[type=" + type + ", nsp=" + nsp + ", id=" + id + ", data=" + data + ", attachments=" + sizes + "]";
    }
}
