package dev.sio4ee.engine.parser;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One Engine.IO packet: a type and an optional payload that is either text or binary (never both).
 *
 * <pre>{@code
 * EnginePacket hello = EnginePacket.message("hello");
 * EnginePacket blob = EnginePacket.message(new byte[] {1, 2, 3});
 * EnginePacket probe = EnginePacket.of(EnginePacketType.PING, "probe");
 * }</pre>
 *
 * @param type   the packet type
 * @param text   the text payload, or {@code null}
 * @param binary the binary payload, or {@code null} (only MESSAGE packets carry binary)
 */
public record EnginePacket(EnginePacketType type, String text, byte[] binary) {

    /** A NOOP packet, used to release a pending long-polling request. */
    public static final EnginePacket NOOP = new EnginePacket(EnginePacketType.NOOP, null, null);
    /** A CLOSE packet. */
    public static final EnginePacket CLOSE = new EnginePacket(EnginePacketType.CLOSE, null, null);
    /** A PING packet without payload (the server's heartbeat). */
    public static final EnginePacket PING = new EnginePacket(EnginePacketType.PING, null, null);

    /**
     * Checks the invariants.
     *
     * @param type   the packet type
     * @param text   the text payload
     * @param binary the binary payload
     */
    public EnginePacket {
        Objects.requireNonNull(type, "type");
        if (text != null && binary != null) {
            throw new IllegalArgumentException("a packet carries text or binary, not both");
        }
    }

    /**
     * A packet of the given type without payload.
     * <pre>{@code EnginePacket upgrade = EnginePacket.of(EnginePacketType.UPGRADE);}</pre>
     *
     * @param type the type
     * @return the packet
     */
    public static EnginePacket of(EnginePacketType type) {
        return new EnginePacket(type, null, null);
    }

    /**
     * A packet of the given type with a text payload.
     * <pre>{@code EnginePacket pong = EnginePacket.of(EnginePacketType.PONG, "probe");}</pre>
     *
     * @param type the type
     * @param text the payload
     * @return the packet
     */
    public static EnginePacket of(EnginePacketType type, String text) {
        return new EnginePacket(type, text, null);
    }

    /**
     * A text MESSAGE packet.
     * <pre>{@code EnginePacket m = EnginePacket.message("2[\"hi\"]");}</pre>
     *
     * @param text the message
     * @return the packet
     */
    public static EnginePacket message(String text) {
        return new EnginePacket(EnginePacketType.MESSAGE, Objects.requireNonNull(text, "text"), null);
    }

    /**
     * A binary MESSAGE packet.
     * <pre>{@code EnginePacket m = EnginePacket.message(new byte[] {1, 2});}</pre>
     *
     * @param binary the message
     * @return the packet
     */
    public static EnginePacket message(byte[] binary) {
        return new EnginePacket(EnginePacketType.MESSAGE, null, Objects.requireNonNull(binary, "binary"));
    }

    /**
     * Whether the payload is binary.
     * <pre>{@code EnginePacket.message(new byte[0]).isBinary() // true}</pre>
     *
     * @return true for a binary payload
     */
    public boolean isBinary() {
        return binary != null;
    }

    /**
     * The payload size in bytes (UTF-8 for text), 0 without payload.
     * <pre>{@code EnginePacket.message("abc").payloadLength() // 3}</pre>
     *
     * @return the size
     */
    public int payloadLength() {
        if (binary != null) {
            return binary.length;
        }
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnginePacket p && p.type == type && Objects.equals(p.text, text)
                && java.util.Arrays.equals(p.binary, binary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, text) * 31 + java.util.Arrays.hashCode(binary);
    }

    @Override
    public String toString() {
        return "EnginePacket[" + type + (text != null ? ", text=" + abbreviate(text) : "")
                + (binary != null ? ", binary=" + binary.length + " bytes" : "") + "]";
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }
}
