package dev.sio4ee.protocol;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binary attachments: the placeholders {@code {"_placeholder":true,"num":N}} that stand for them in the JSON tree,
 * and the conversion of Java values into a JSON tree plus attachment list (and back).
 *
 * <pre>{@code
 * Binary.Deconstructed d = Binary.deconstruct(List.of("file", Map.of("bytes", new byte[] {1, 2})));
 * d.data();          // ["file",{"bytes":{"_placeholder":true,"num":0}}]
 * d.attachments();   // [ [1, 2] ]
 *
 * JsonValue v = d.data().asJsonArray().get(1).asJsonObject().get("bytes");
 * Binary.isPlaceholder(v);                    // true
 * Binary.attachment(v, d.attachments());      // the byte[] {1, 2}
 * }</pre>
 */
public final class Binary {

    /** The key marking a placeholder object. */
    public static final String PLACEHOLDER_KEY = "_placeholder";
    /** The key holding the index of the attachment a placeholder stands for. */
    public static final String NUM_KEY = "num";

    private Binary() {
    }

    /**
     * A JSON tree whose binary values were replaced by placeholders, and those binary values in placeholder order.
     *
     * <pre>{@code
     * Binary.Deconstructed d = Binary.deconstruct(List.of("a", new byte[3]));
     * int n = d.attachmentCount(); // 1
     * }</pre>
     *
     * @param data the JSON tree (never null: a Java null becomes {@link JsonValue#NULL})
     * @param attachments the binary values, attachment {@code N} being the one of placeholder {@code num: N}
     */
    public record Deconstructed(JsonValue data, List<byte[]> attachments) {
        /**
         * Normalises the attachments into an unmodifiable list.
         *
         * <pre>{@code var d = new Binary.Deconstructed(JsonValue.EMPTY_JSON_ARRAY, List.of());}</pre>
         *
         * @param data the JSON tree
         * @param attachments the binary values
         */
        public Deconstructed {
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }

        /**
         * The number of attachments, written as {@code N-} in front of a binary packet.
         *
         * <pre>{@code int n = Binary.deconstruct(new byte[1]).attachmentCount(); // 1}</pre>
         *
         * @return the size of {@link #attachments()}
         */
        public int attachmentCount() {
            return attachments.size();
        }
    }

    /**
     * A new placeholder object.
     *
     * <pre>{@code JsonObject p = Binary.placeholder(0); // {"_placeholder":true,"num":0}}</pre>
     *
     * @param num the attachment index, {@code >= 0}
     * @return the placeholder
     */
    public static JsonObject placeholder(int num) {
        if (num < 0) {
            throw new IllegalArgumentException("negative attachment index " + num);
        }
        return JsonText.objectBuilder().add(PLACEHOLDER_KEY, JsonValue.TRUE).add(NUM_KEY, num).build();
    }

    /**
     * Whether the value is a well-formed placeholder: an object with {@code "_placeholder": true} and a
     * non-negative integer {@code "num"}.
     *
     * <pre>{@code boolean b = Binary.isPlaceholder(Binary.placeholder(2)); // true}</pre>
     *
     * @param value any JSON value, or null
     * @return true if it is a placeholder
     */
    public static boolean isPlaceholder(JsonValue value) {
        return placeholderIndex(value) >= 0;
    }

    /**
     * The attachment index of a placeholder.
     *
     * <pre>{@code int i = Binary.placeholderIndex(Binary.placeholder(2)); // 2}</pre>
     *
     * @param value any JSON value, or null
     * @return the {@code num} of the placeholder, or -1 if the value is not a well-formed placeholder
     */
    public static int placeholderIndex(JsonValue value) {
        if (!isMarked(value)) {
            return -1;
        }
        JsonValue num = value.asJsonObject().get(NUM_KEY);
        if (num == null || num.getValueType() != JsonValue.ValueType.NUMBER) {
            return -1;
        }
        try {
            int index = ((JsonNumber) num).bigDecimalValue().intValueExact();
            return index >= 0 ? index : -1;
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** An object with {@code "_placeholder": true}, well-formed or not. */
    static boolean isMarked(JsonValue value) {
        return value != null && value.getValueType() == JsonValue.ValueType.OBJECT
                && value.asJsonObject().get(PLACEHOLDER_KEY) == JsonValue.TRUE;
    }

    /**
     * The attachment a placeholder stands for.
     *
     * <pre>{@code
     * // packet.data() is ["upload",{"_placeholder":true,"num":0}]
     * byte[] bytes = Binary.attachment(packet.data().asJsonArray().get(1), packet.attachments());
     * }</pre>
     *
     * @param value any JSON value, or null
     * @param attachments the attachments of the packet the value comes from
     * @return the attachment, or null if the value is not a placeholder or its index is out of range
     */
    public static byte[] attachment(JsonValue value, List<byte[]> attachments) {
        int index = placeholderIndex(value);
        return index >= 0 && index < attachments.size() ? attachments.get(index) : null;
    }

    /**
     * Checks that every object marked {@code "_placeholder": true} in the tree is a placeholder whose index is
     * below {@code count}. Iterative, so any depth is safe.
     *
     * @return null if all are valid, else a description of the first invalid one
     */
    static String checkPlaceholders(JsonValue data, int count) {
        if (data == null) {
            return null;
        }
        Deque<JsonValue> todo = new ArrayDeque<>();
        todo.push(data);
        while (!todo.isEmpty()) {
            JsonValue v = todo.pop();
            if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                if (isMarked(v)) {
                    int index = placeholderIndex(v);
                    if (index < 0 || index >= count) {
                        JsonValue num = v.asJsonObject().get(NUM_KEY);
                        return "placeholder num " + num + " is not an index in [0, " + count + ")";
                    }
                } else {
                    v.asJsonObject().values().forEach(todo::push);
                }
            } else if (v.getValueType() == JsonValue.ValueType.ARRAY) {
                v.asJsonArray().forEach(todo::push);
            }
        }
        return null;
    }

    /**
     * Converts a Java value into a JSON tree, replacing every {@code byte[]} (and {@link ByteBuffer}) by a
     * placeholder and collecting the bytes, in order, into the attachment list. Supported values: null,
     * {@link JsonValue} (kept as is), {@link CharSequence}, {@link Character}, {@link Boolean}, {@link Number},
     * {@link Enum} (its name), {@code byte[]}, {@link ByteBuffer} (its remaining bytes), {@link Map} (keys via
     * {@code String.valueOf}), {@link Iterable} and arrays. NaN and infinities become {@code null}, as in
     * JavaScript. Byte arrays are not copied.
     *
     * <pre>{@code
     * Binary.Deconstructed d = Binary.deconstruct(List.of("a", new byte[] {1}, Map.of("b", new byte[] {2})));
     * // d.data():        ["a",{"_placeholder":true,"num":0},{"b":{"_placeholder":true,"num":1}}]
     * // d.attachments(): [ [1], [2] ]
     * }</pre>
     *
     * @param value the value to convert
     * @return the JSON tree and its attachments
     * @throws IllegalArgumentException for a value of another type, or a structure containing itself
     */
    public static Deconstructed deconstruct(Object value) {
        List<byte[]> attachments = new ArrayList<>();
        JsonValue data = toJson(value, attachments, Collections.newSetFromMap(new IdentityHashMap<>()));
        return new Deconstructed(data, attachments);
    }

    private static JsonValue toJson(Object value, List<byte[]> attachments, Set<Object> path) {
        if (value == null) {
            return JsonValue.NULL;
        } else if (value instanceof JsonValue json) {
            return json;
        } else if (value instanceof CharSequence || value instanceof Character) {
            return JsonText.provider().createValue(value.toString());
        } else if (value instanceof Boolean b) {
            return b ? JsonValue.TRUE : JsonValue.FALSE;
        } else if (value instanceof Number n) {
            return number(n);
        } else if (value instanceof Enum<?> e) {
            return JsonText.provider().createValue(e.name());
        } else if (value instanceof byte[] bytes) {
            attachments.add(bytes);
            return placeholder(attachments.size() - 1);
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            attachments.add(bytes);
            return placeholder(attachments.size() - 1);
        }
        if (value instanceof Encoded encoded) {
            return encoded(encoded, attachments);
        }
        if (!path.add(value)) {
            throw new IllegalArgumentException("cannot encode a structure that contains itself");
        }
        try {
            if (value instanceof Map<?, ?> map) {
                JsonObjectBuilder b = JsonText.objectBuilder();
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    b.add(String.valueOf(e.getKey()), toJson(e.getValue(), attachments, path));
                }
                return b.build();
            } else if (value instanceof Iterable<?> iterable) {
                JsonArrayBuilder b = JsonText.arrayBuilder();
                for (Object o : iterable) {
                    b.add(toJson(o, attachments, path));
                }
                return b.build();
            } else if (value.getClass().isArray()) {
                JsonArrayBuilder b = JsonText.arrayBuilder();
                for (int i = 0, n = Array.getLength(value); i < n; i++) {
                    b.add(toJson(Array.get(value, i), attachments, path));
                }
                return b.build();
            }
        } finally {
            path.remove(value);
        }
        throw new IllegalArgumentException("cannot encode a " + value.getClass().getName()
                + " as JSON; convert it to a JsonValue (or a Map/List) first");
    }

    /** An already encoded list as a JSON array, its placeholders moved past the attachments collected so far. */
    private static JsonValue encoded(Encoded encoded, List<byte[]> attachments) {
        int offset = attachments.size();
        attachments.addAll(encoded.attachments());
        boolean keepNumbers = offset == 0 || encoded.attachments().isEmpty();
        JsonArrayBuilder b = JsonText.arrayBuilder();
        for (JsonValue v : encoded.json()) {
            b.add(keepNumbers ? v : renumber(v, offset));
        }
        return b.build();
    }

    private static JsonValue renumber(JsonValue value, int offset) {
        int index = placeholderIndex(value);
        if (index >= 0) {
            return placeholder(index + offset);
        } else if (value.getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObjectBuilder b = JsonText.objectBuilder();
            value.asJsonObject().forEach((k, v) -> b.add(k, renumber(v, offset)));
            return b.build();
        } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            JsonArrayBuilder b = JsonText.arrayBuilder();
            value.asJsonArray().forEach(v -> b.add(renumber(v, offset)));
            return b.build();
        }
        return value;
    }

    private static JsonValue number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return JsonText.provider().createValue(n.longValue());
        } else if (n instanceof BigInteger bi) {
            return JsonText.provider().createValue(bi);
        } else if (n instanceof BigDecimal bd) {
            return JsonText.provider().createValue(bd);
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return JsonValue.NULL;
        } else if (n instanceof Float) {
            return JsonText.provider().createValue(new BigDecimal(n.toString()));
        } else if (n instanceof Double) {
            return JsonText.provider().createValue(d);
        }
        try {
            return JsonText.provider().createValue(new BigDecimal(n.toString())); // AtomicLong, LongAdder, ...
        } catch (NumberFormatException e) {
            return JsonText.provider().createValue(d);
        }
    }

    /**
     * Converts a JSON tree into plain Java values, replacing each placeholder by its attachment: objects become
     * {@code Map<String, Object>} (in order), arrays {@code List<Object>}, strings {@code String}, numbers
     * {@code Integer}, {@code Long}, {@code Double} (with a fraction) or {@code BigDecimal} (huge), booleans
     * {@code Boolean}, null {@code null}, placeholders {@code byte[]}.
     *
     * <pre>{@code
     * // packet.data() is ["upload",{"name":"a.png","bytes":{"_placeholder":true,"num":0}}]
     * List<?> args = (List<?>) Binary.reconstruct(packet.data(), packet.attachments());
     * byte[] bytes = (byte[]) ((Map<?, ?>) args.get(1)).get("bytes");
     * }</pre>
     *
     * @param value the JSON tree, or null
     * @param attachments the attachments of the packet (placeholders with no attachment stay maps)
     * @return the Java value
     */
    public static Object reconstruct(JsonValue value, List<byte[]> attachments) {
        if (value == null) {
            return null;
        }
        switch (value.getValueType()) {
            case OBJECT -> {
                byte[] bytes = attachment(value, attachments);
                if (bytes != null) {
                    return bytes;
                }
                Map<String, Object> map = new LinkedHashMap<>();
                ((JsonObject) value).forEach((k, v) -> map.put(k, reconstruct(v, attachments)));
                return map;
            }
            case ARRAY -> {
                List<Object> list = new ArrayList<>(((JsonArray) value).size());
                for (JsonValue v : (JsonArray) value) {
                    list.add(reconstruct(v, attachments));
                }
                return list;
            }
            case STRING -> {
                return ((JsonString) value).getString();
            }
            case NUMBER -> {
                return javaNumber(((JsonNumber) value).bigDecimalValue());
            }
            case TRUE -> {
                return Boolean.TRUE;
            }
            case FALSE -> {
                return Boolean.FALSE;
            }
            default -> {
                return null;
            }
        }
    }

    private static Number javaNumber(BigDecimal bd) {
        if (bd.scale() <= 0 && bd.precision() - bd.scale() <= 18) { // a whole number below 10^18, without exceptions
            long l = bd.longValue();
            return l == (int) l ? (Number) (int) l : (Number) l;
        }
        try {
            return bd.intValueExact();
        } catch (ArithmeticException notAnInt) {
            try {
                return bd.longValueExact();
            } catch (ArithmeticException notALong) {
                if (bd.scale() > 0) {
                    double d = bd.doubleValue();
                    if (!Double.isInfinite(d)) {
                        return d;
                    }
                }
                return bd;
            }
        }
    }
}
