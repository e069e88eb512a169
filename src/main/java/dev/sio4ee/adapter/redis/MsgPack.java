package dev.sio4ee.adapter.redis;

import dev.sio4ee.protocol.Binary;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.DateTimeException;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * MessagePack with the semantics of {@code notepack.io} 3 (the parser of Node's {@code @socket.io/redis-adapter}
 * and {@code @socket.io/redis-emitter}), converting between msgpack bytes and the project's form of binary data: a
 * JSON tree whose binary values are placeholders {@code {"_placeholder":true,"num":N}} plus the list of those
 * binary values ({@link Binary.Deconstructed}).
 *
 * <p>Encoding: a placeholder becomes {@code bin}, JSON null {@code nil}, a whole number the smallest integer
 * format (positive fixint, uint 8/16/32/64, negative fixint, int 8/16/32/64, exactly as notepack chooses), any other
 * number {@code float 64}, strings {@code str} (fixstr, str 8/16/32), arrays and objects arrays and maps — so the
 * bytes equal notepack's for the same value.
 *
 * <p>Decoding: {@code bin} becomes a placeholder and an attachment; integers of any width, {@code float 32/64}
 * (NaN and infinities become null, as {@code JSON.stringify} writes them); {@code nil} null; notepack's timestamp
 * extension (type -1, 32/64/96 bits) and its legacy date (fixext 8, type 0) become the ISO-8601 string
 * {@code JSON.stringify} writes for a {@code Date} ({@code 2024-05-01T12:00:00.000Z}, millisecond precision), which
 * is what a client of a Node server receives for it; notepack's legacy {@code undefined} (fixext 1, type 0) is
 * left out of maps and becomes null in arrays; its legacy ArrayBuffer extension (type 0) becomes binary; map keys
 * that are integers become their decimal string. Any other extension type, a truncated or oversized value or
 * trailing bytes throw {@link IllegalArgumentException}; lengths are checked against the remaining bytes before
 * anything is allocated, and nesting is limited to {@value #MAX_DEPTH} levels.
 *
 * <pre>{@code
 * Binary.Deconstructed d = Binary.deconstruct(List.of("event", new byte[] {1, 2}));
 * byte[] wire = MsgPack.encode(d.data(), d.attachments());
 * Binary.Deconstructed back = MsgPack.decode(wire); // ["event",{"_placeholder":true,"num":0}] + [[1,2]]
 * }</pre>
 */
public final class MsgPack {
    /** The deepest nesting of arrays and maps accepted when decoding. */
    public static final int MAX_DEPTH = 256;
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** notepack's legacy undefined, dropped from maps. */
    private static final JsonValue UNDEFINED = JSON.createValue("\u0000undefined");

    private MsgPack() {
    }

    /**
     * Encodes a JSON tree with placeholders as MessagePack, each placeholder as {@code bin} of its attachment.
     * <pre>{@code byte[] wire = MsgPack.encode(packet.data(), packet.attachments());}</pre>
     *
     * @param value       the JSON tree (null is nil)
     * @param attachments the binary values the placeholders stand for
     * @return the bytes
     * @throws IllegalArgumentException when a placeholder's index has no attachment
     */
    public static byte[] encode(JsonValue value, List<byte[]> attachments) {
        try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
            write(packer, value, attachments == null ? List.of() : attachments);
            return packer.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to memory", e);
        }
    }

    /**
     * Encodes a value without binary data.
     * <pre>{@code byte[] wire = MsgPack.encode(Json.createObjectBuilder().add("type", 1).build());}</pre>
     *
     * @param value the JSON tree
     * @return the bytes
     */
    public static byte[] encode(JsonValue value) {
        return encode(value, List.of());
    }

    private static void write(MessageBufferPacker p, JsonValue v, List<byte[]> attachments) throws IOException {
        if (v == null) {
            p.packNil();
            return;
        }
        switch (v.getValueType()) {
            case NULL -> p.packNil();
            case TRUE -> p.packBoolean(true);
            case FALSE -> p.packBoolean(false);
            case STRING -> {
                byte[] utf8 = ((JsonString) v).getString().getBytes(StandardCharsets.UTF_8);
                p.packRawStringHeader(utf8.length);
                p.writePayload(utf8);
            }
            case NUMBER -> writeNumber(p, ((JsonNumber) v).bigDecimalValue());
            case ARRAY -> {
                JsonArray a = v.asJsonArray();
                p.packArrayHeader(a.size());
                for (JsonValue item : a) {
                    write(p, item, attachments);
                }
            }
            case OBJECT -> {
                JsonObject o = v.asJsonObject();
                if (Binary.isPlaceholder(o)) {
                    byte[] bytes = Binary.attachment(o, attachments);
                    if (bytes == null) {
                        throw new IllegalArgumentException("placeholder " + o + " has no attachment (there are "
                                + attachments.size() + ")");
                    }
                    p.packBinaryHeader(bytes.length);
                    p.writePayload(bytes);
                    return;
                }
                p.packMapHeader(o.size());
                for (Map.Entry<String, JsonValue> e : o.entrySet()) {
                    byte[] key = e.getKey().getBytes(StandardCharsets.UTF_8);
                    p.packRawStringHeader(key.length);
                    p.writePayload(key);
                    write(p, e.getValue(), attachments);
                }
            }
            default -> throw new IllegalArgumentException("unexpected JSON value " + v);
        }
    }

    private static void writeNumber(MessageBufferPacker p, BigDecimal n) throws IOException {
        BigInteger whole = null;
        if (n.signum() == 0) {
            whole = BigInteger.ZERO;
        } else if (n.scale() <= 0 || n.stripTrailingZeros().scale() <= 0) {
            if (n.precision() - n.scale() <= 21) {
                whole = n.toBigIntegerExact();
            }
        }
        if (whole != null && whole.compareTo(LONG_MIN) >= 0 && whole.compareTo(UINT64_MAX) <= 0) {
            if (whole.bitLength() < 64) {
                p.packLong(whole.longValueExact());
            } else {
                p.packBigInteger(whole);
            }
        } else {
            p.packDouble(n.doubleValue());
        }
    }

    /**
     * Decodes MessagePack into a JSON tree with a placeholder for each {@code bin} value.
     * <pre>{@code Binary.Deconstructed d = MsgPack.decode(message); JsonValue tree = d.data();}</pre>
     *
     * @param bytes the bytes, one complete value
     * @return the tree and its attachments
     * @throws IllegalArgumentException when the bytes are not one valid value of the supported kinds
     */
    public static Binary.Deconstructed decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("invalid MessagePack: empty input");
        }
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            Reader r = new Reader(u, bytes.length);
            JsonValue value = r.read(0);
            if (value == UNDEFINED) {
                value = JsonValue.NULL;
            }
            if (u.hasNext()) {
                throw new IllegalArgumentException("invalid MessagePack: " + (bytes.length - u.getTotalReadBytes())
                        + " trailing bytes");
            }
            return new Binary.Deconstructed(value, r.attachments);
        } catch (MessagePackException | IOException | DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid MessagePack: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface HeaderReader {
        int read() throws IOException;
    }

    /** One decoding: the unpacker, the input size for the length checks, and the attachments found so far. */
    private static final class Reader {
        private final MessageUnpacker u;
        private final long size;
        private final List<byte[]> attachments = new ArrayList<>();

        Reader(MessageUnpacker u, long size) {
            this.u = u;
            this.size = size;
        }

        private long remaining() {
            return size - u.getTotalReadBytes();
        }

        /** Checks that {@code count} items of at least {@code minBytes} each can still be in the input. */
        private int checked(long count, long minBytes, String what) {
            if (count < 0 || count * minBytes > remaining()) {
                throw new IllegalArgumentException("invalid MessagePack: " + what + " of length " + count
                        + " but only " + remaining() + " bytes left");
            }
            return (int) count;
        }

        /** A header's length, msgpack-core's error for one over 2 GiB turned into the same clear message. */
        private long length(HeaderReader header, String what) throws IOException {
            try {
                return header.read() & 0xffffffffL;
            } catch (MessageSizeException e) {
                throw new IllegalArgumentException("invalid MessagePack: " + what + " longer than 2 GiB but only "
                        + remaining() + " bytes left", e);
            }
        }

        private byte[] payload(long length, String what) throws IOException {
            return u.readPayload(checked(length, 1, what));
        }

        JsonValue read(int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("invalid MessagePack: nested deeper than " + MAX_DEPTH);
            }
            if (!u.hasNext()) {
                throw new IllegalArgumentException("invalid MessagePack: truncated input");
            }
            MessageFormat format = u.getNextFormat();
            ValueType type = format.getValueType();
            if (format == MessageFormat.NEVER_USED) {
                throw new IllegalArgumentException("invalid MessagePack: reserved byte 0xc1");
            }
            return switch (type) {
                case NIL -> {
                    u.unpackNil();
                    yield JsonValue.NULL;
                }
                case BOOLEAN -> u.unpackBoolean() ? JsonValue.TRUE : JsonValue.FALSE;
                case INTEGER -> readInteger(format);
                case FLOAT -> {
                    double d = format == MessageFormat.FLOAT32 ? u.unpackFloat() : u.unpackDouble();
                    yield Double.isNaN(d) || Double.isInfinite(d) ? JsonValue.NULL : JSON.createValue(d);
                }
                case STRING -> JSON.createValue(new String(payload(length(u::unpackRawStringHeader, "string"), "string"),
                        StandardCharsets.UTF_8));
                case BINARY -> attachment(payload(length(u::unpackBinaryHeader, "binary"), "binary"));
                case ARRAY -> {
                    int n = checked(length(u::unpackArrayHeader, "array"), 1, "array");
                    JsonArrayBuilder b = JSON.createArrayBuilder();
                    for (int i = 0; i < n; i++) {
                        JsonValue item = read(depth + 1);
                        b.add(item == UNDEFINED ? JsonValue.NULL : item);
                    }
                    yield b.build();
                }
                case MAP -> {
                    int n = checked(length(u::unpackMapHeader, "map"), 2, "map");
                    JsonObjectBuilder b = JSON.createObjectBuilder();
                    for (int i = 0; i < n; i++) {
                        String key = key(read(depth + 1));
                        JsonValue item = read(depth + 1);
                        if (item != UNDEFINED) {
                            b.add(key, item);
                        }
                    }
                    yield b.build();
                }
                case EXTENSION -> readExtension(format);
            };
        }

        private JsonValue readInteger(MessageFormat format) throws IOException {
            if (format == MessageFormat.UINT64) {
                BigInteger big = u.unpackBigInteger();
                return big.bitLength() < 64 ? JSON.createValue(big.longValueExact()) : JSON.createValue(big);
            }
            return JSON.createValue(u.unpackLong());
        }

        private JsonValue attachment(byte[] bytes) {
            JsonValue placeholder = Binary.placeholder(attachments.size());
            attachments.add(bytes);
            return placeholder;
        }

        private JsonValue readExtension(MessageFormat format) throws IOException {
            var header = u.unpackExtensionTypeHeader();
            byte extType = header.getType();
            byte[] data = payload(header.getLength() & 0xffffffffL, "extension");
            if (extType == -1) {
                return JSON.createValue(iso(timestamp(data)));
            }
            if (extType == 0) {
                switch (format) {
                    case FIXEXT1 -> {
                        return UNDEFINED;
                    }
                    case FIXEXT8 -> {
                        return JSON.createValue(iso(Instant.ofEpochMilli(java.nio.ByteBuffer.wrap(data).getLong())));
                    }
                    case EXT8, EXT16, EXT32 -> {
                        return attachment(data);
                    }
                    default -> {
                        // notepack has no meaning for the other fixext sizes of type 0 either
                    }
                }
            }
            throw new IllegalArgumentException("invalid MessagePack: unsupported extension type " + extType
                    + " (" + data.length + " bytes)");
        }

        private static Instant timestamp(byte[] d) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(d);
            return switch (d.length) {
                case 4 -> Instant.ofEpochSecond(b.getInt() & 0xffffffffL);
                case 8 -> {
                    long v = b.getLong();
                    yield Instant.ofEpochSecond(v & 0x3ffffffffL, v >>> 34);
                }
                case 12 -> {
                    long nanos = b.getInt() & 0xffffffffL;
                    yield Instant.ofEpochSecond(b.getLong(), nanos);
                }
                default -> throw new IllegalArgumentException("invalid MessagePack: timestamp of " + d.length
                        + " bytes");
            };
        }

        private static String key(JsonValue key) {
            if (key instanceof JsonString s) {
                return s.getString();
            }
            if (key instanceof JsonNumber n && n.isIntegral()) {
                return n.bigIntegerValue().toString();
            }
            throw new IllegalArgumentException("invalid MessagePack: map key " + key + " is not a string");
        }
    }

    /** A date as JavaScript's {@code Date.prototype.toISOString()} writes it (millisecond precision, UTC). */
    static String iso(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        int year = millis.atZone(ZoneOffset.UTC).getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("invalid MessagePack: date out of range " + instant);
        }
        return ISO_MILLIS.format(millis);
    }
}
