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
 *     String none = args.string(5);       // null: no such argument (socket.io's undefined)
 * });
 * }</pre>
 *
 * <h2>Missing arguments</h2>
 * A client may send fewer arguments than a handler expects. The named accessors ({@link #json(int)},
 * {@link #string(int)}, {@link #number(int)}, {@link #bytes(int)}) answer {@code null} for an index past the
 * end, as socket.io hands {@code undefined} to a JavaScript handler; {@link #json(int)} tells a missing argument
 * ({@code null}) from a JSON {@code null} ({@link JsonValue#NULL}). {@link #get(int)} keeps the contract of
 * {@link List#get(int)} and throws {@link IndexOutOfBoundsException}: check {@link #size()} first.
 *
 * <h2>Sending arguments: one rule for every send method</h2>
 * Every method that sends arguments ({@code emit}, {@code emitWithAck}, {@code send}, {@code serverSideEmit},
 * {@link Ack#send(Object...)}) takes them as Java varargs, and each value is one Socket.IO argument, as in
 * socket.io: a {@code List} (or any collection or array nested in the varargs) is one JSON array argument, a
 * {@code Map} one object, a {@code byte[]} one binary attachment. The one exception is an {@code Args} passed
 * alone: it is an argument list, not a value, so it is sent as it is, each of its arguments one argument (socket.io's
 * {@code socket.emit(event, ...args)}); its JSON goes out as it came in, without conversion.
 * <pre>{@code
 * socket.emit("pair", List.of(1, 2));                   // 2["pair",[1,2]]        one array argument
 * ack.send(List.of("a", "b"));                          // 3<id>[["a","b"]]       one array argument, as emit
 * socket.on("relay", (args, ack) -> {                   // the client sent "relay", 1, "two"
 *     socket.to("room").emit("relayed", args);          // 2["relayed",1,"two"]   spread, as received
 *     ack.send(args);                                   // 3<id>[1,"two"]
 *     socket.emit("wrapped", "from", args);             // 2["wrapped","from",[1,"two"]]  not alone: one array
 * });
 * }</pre>
 * A Java array passed alone ({@code emit("x", new Object[] {1, 2})}, also a {@code String[]}) is the varargs array
 * itself and is spread by the Java language; wrap it in a {@code List} to send one array argument.
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
     * Arguments from Java values ({@code byte[]} become attachments; see {@link Binary#deconstruct}), each value
     * one argument (a {@code List} is one JSON array); an {@code Args} given alone is returned as it is (see the
     * class doc).
     * <pre>{@code Args a = Args.of("hello", 42, new byte[] {1}, List.of(1, 2)); // 4 arguments}</pre>
     *
     * @param values the values
     * @return the arguments
     */
    public static Args of(Object... values) {
        if (values != null && values.length == 1 && values[0] instanceof Args alone) {
            return alone;
        }
        Binary.Deconstructed d = Binary.deconstruct(list(values));
        return new Args(List.copyOf(d.data().asJsonArray()), d.attachments());
    }

    /**
     * The argument list of a send method's varargs, by the rule of the class doc: each value one argument, except
     * an {@code Args} given alone, which is the list itself (and keeps its wire form).
     */
    static List<?> list(Object[] values) {
        if (values == null) {
            return List.of();
        }
        if (values.length == 1 && values[0] instanceof Args alone) {
            return alone;
        }
        return Arrays.asList(values);
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
     * An argument as a plain Java value (objects are maps, arrays lists, placeholders {@code byte[]}). As for any
     * {@link List}, an index past the end throws; the named accessors ({@link #string(int)}, ...) answer null there.
     * <pre>{@code Map<?, ?> m = args.size() > 0 ? (Map<?, ?>) args.get(0) : Map.of();}</pre>
     *
     * @param index the position
     * @return the value (null for a JSON null)
     * @throws IndexOutOfBoundsException if there is no argument at that position
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
     * <pre>{@code if (args.json(0) instanceof JsonObject o) ...}</pre>
     *
     * @param index the position
     * @return the JSON value ({@link JsonValue#NULL} for a JSON null), or null if there is no argument at that
     *     position (socket.io's {@code undefined})
     */
    public JsonValue json(int index) {
        return index >= 0 && index < json.size() ? json.get(index) : null;
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
     * @return the attachment, or null if the argument is not binary or missing
     */
    public byte[] bytes(int index) {
        return Binary.attachment(json(index), attachments);
    }

    /**
     * An argument that is a JSON string.
     * <pre>{@code String text = args.string(0);}</pre>
     *
     * @param index the position
     * @return the string, or null if the argument is not a string or missing
     */
    public String string(int index) {
        return json(index) instanceof JsonString s ? s.getString() : null;
    }

    /**
     * An argument as the JSON-P number, for exact conversions.
     * <pre>{@code long n = args.number(0).longValueExact();}</pre>
     *
     * @param index the position
     * @return the number, or null if the argument is not a number or missing
     */
    public JsonNumber number(int index) {
        return json(index) instanceof JsonNumber n ? n : null;
    }
}
