package dev.sio4ee.server;

import dev.sio4ee.protocol.Binary;
import dev.sio4ee.protocol.Encoded;
import dev.sio4ee.protocol.Packet;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/**
 * The arguments of an event or an acknowledgement, as received: a list of JSON values whose binary values are
 * {@code byte[]} attachments. As a {@code List<Object>} it holds plain Java values (maps, lists, strings, numbers,
 * booleans, null, {@code byte[]}; see {@link Binary#reconstruct}); {@link #json(int)} gives the JSON-P tree for
 * typed mapping at the edge (JSON-B), and {@link #bytes(int)} an attachment. Immutable.
 *
 * <pre>{@code
 * socket.on("upload", (args, ack) -> {
 *     String name = args.string(0);       // "photo.png"
 *     byte[] bytes = args.bytes(1);       // the binary attachment
 *     JsonValue meta = args.json(2);      // {"width":10} for JSON-B
 * });
 * }</pre>
 */
public final class Args extends AbstractList<Object> implements Encoded {

    /** No argument. */
    public static final Args EMPTY = new Args(List.of(), List.of());

    private final List<JsonValue> json;
    private final List<byte[]> attachments;
    private volatile Object[] values;

    private Args(List<JsonValue> json, List<byte[]> attachments) {
        this.json = json;
        this.attachments = attachments;
    }

    /**
     * Arguments from JSON values and the attachments their placeholders refer to.
     * <pre>{@code Args a = Args.of(List.of(Json.createValue("x")), List.of());}</pre>
     *
     * @param json        the values
     * @param attachments the attachments
     * @return the arguments
     */
    public static Args of(List<JsonValue> json, List<byte[]> attachments) {
        return new Args(List.copyOf(json), attachments == null ? List.of() : List.copyOf(attachments));
    }

    /**
     * Arguments from Java values ({@code byte[]} become attachments; see {@link Binary#deconstruct}).
     * <pre>{@code Args a = Args.of("hello", 42, new byte[] {1});}</pre>
     *
     * @param values the values
     * @return the arguments
     */
    public static Args of(Object... values) {
        Binary.Deconstructed d = Binary.deconstruct(Arrays.asList(values));
        return new Args(List.copyOf(d.data().asJsonArray()), d.attachments());
    }

    /** The arguments of an EVENT packet (its data without the event name). */
    static Args ofEvent(Packet packet) {
        JsonArray data = packet.data().asJsonArray();
        return new Args(data.subList(1, data.size()), packet.attachments());
    }

    /** The arguments of an ACK packet. */
    static Args ofAck(Packet packet) {
        return packet.data() == null ? EMPTY : new Args(packet.data().asJsonArray(), packet.attachments());
    }

    /** The name of an EVENT packet: its first element, a string or a number. */
    static String eventName(Packet packet) {
        JsonValue first = packet.data().asJsonArray().get(0);
        return first instanceof JsonString s ? s.getString() : ((JsonNumber) first).toString();
    }

    /**
     * The number of arguments.
     * <pre>{@code Args.of("a", "b").size() // 2}</pre>
     *
     * @return the count
     */
    @Override
    public int size() {
        return json.size();
    }

    /**
     * An argument as a plain Java value (objects are maps, arrays lists, placeholders {@code byte[]}).
     * <pre>{@code Map<?, ?> m = (Map<?, ?>) args.get(0);}</pre>
     *
     * @param index the position
     * @return the value
     */
    @Override
    public Object get(int index) {
        Object[] v = values;
        if (v == null) {
            v = new Object[json.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = Binary.reconstruct(json.get(i), attachments);
            }
            values = v;
        }
        return v[index];
    }

    /**
     * An argument as JSON, binary values left as placeholders {@code {"_placeholder":true,"num":N}}.
     * <pre>{@code JsonObject o = args.json(0).asJsonObject();}</pre>
     *
     * @param index the position
     * @return the JSON value ({@link JsonValue#NULL} for null)
     */
    public JsonValue json(int index) {
        return json.get(index);
    }

    /**
     * All arguments as JSON.
     * <pre>{@code List<JsonValue> all = args.json();}</pre>
     *
     * @return the unmodifiable list
     */
    @Override
    public List<JsonValue> json() {
        return json;
    }

    /**
     * The binary attachments, in placeholder order.
     * <pre>{@code int n = args.attachments().size();}</pre>
     *
     * @return the unmodifiable list
     */
    @Override
    public List<byte[]> attachments() {
        return attachments;
    }

    /**
     * An argument that is binary.
     * <pre>{@code byte[] file = args.bytes(1);}</pre>
     *
     * @param index the position
     * @return the attachment, or null if the argument is not binary
     */
    public byte[] bytes(int index) {
        return Binary.attachment(json.get(index), attachments);
    }

    /**
     * An argument that is a JSON string.
     * <pre>{@code String text = args.string(0);}</pre>
     *
     * @param index the position
     * @return the string, or null if the argument is not a string
     */
    public String string(int index) {
        return json.get(index) instanceof JsonString s ? s.getString() : null;
    }

    /**
     * An argument as the JSON-P number, for exact conversions.
     * <pre>{@code long n = args.number(0).longValueExact();}</pre>
     *
     * @param index the position
     * @return the number, or null if the argument is not a number
     */
    public JsonNumber number(int index) {
        return json.get(index) instanceof JsonNumber n ? n : null;
    }

    /** The arguments as a packet payload element list, for re-emitting. */
    List<Object> values() {
        Object[] all = new Object[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = get(i);
        }
        return Arrays.asList(all);
    }
}
