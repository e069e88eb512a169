package dev.sio4ee.engine.parser;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Engine.IO v4 codec: single packets (one WebSocket frame) and payloads (one HTTP long-polling body,
 * packets separated by the record separator {@code \u001e}, binary as {@code b} + base64).
 *
 * <pre>{@code
 * String body = EngineParser.encodePayload(List.of(EnginePacket.message("hi"), EnginePacket.message(new byte[] {1})));
 * // "4hi\u001ebAQ=="
 * List<EnginePacket> packets = EngineParser.decodePayload(body);
 * }</pre>
 */
public final class EngineParser {

    /** The separator between packets of a polling payload. */
    public static final char RECORD_SEPARATOR = '\u001e';

    private EngineParser() {
    }

    /**
     * Encodes one packet as text: the type digit followed by the text payload, or {@code b} followed by the
     * base64 of a binary payload.
     * <pre>{@code EngineParser.encodePacket(EnginePacket.message("hello")) // "4hello"}</pre>
     *
     * @param packet the packet
     * @return the text encoding
     */
    public static String encodePacket(EnginePacket packet) {
        if (packet.isBinary()) {
            return "b" + Base64.getEncoder().encodeToString(packet.binary());
        }
        String text = packet.text();
        if (text == null) {
            return String.valueOf(packet.type().code());
        }
        return new StringBuilder(text.length() + 1).append(packet.type().code()).append(text).toString();
    }

    /**
     * Decodes one text-encoded packet (a WebSocket text frame, or one element of a payload).
     * <pre>{@code EngineParser.decodePacket("2probe") // PING with text "probe"}</pre>
     *
     * @param encoded the text
     * @return the packet
     * @throws EngineParseException if the text is empty, starts with no packet type or holds broken base64
     */
    public static EnginePacket decodePacket(String encoded) throws EngineParseException {
        if (encoded == null || encoded.isEmpty()) {
            throw new EngineParseException("empty packet");
        }
        char first = encoded.charAt(0);
        if (first == 'b') {
            try {
                // line breaks and spaces are skipped as Node's Buffer.from(text, "base64") does: the official Java
                // client ends its base64 with a newline
                return EnginePacket.message(Base64.getDecoder().decode(withoutWhitespace(encoded, 1)));
            } catch (IllegalArgumentException e) {
                throw new EngineParseException("invalid base64 in binary packet");
            }
        }
        EnginePacketType type = EnginePacketType.fromCode(first);
        if (type == null) {
            throw new EngineParseException("unknown packet type '" + printable(first) + "'");
        }
        if (encoded.length() == 1) {
            return type == EnginePacketType.MESSAGE ? EnginePacket.message("") : EnginePacket.of(type);
        }
        return EnginePacket.of(type, encoded.substring(1));
    }

    /**
     * Wraps a WebSocket binary frame: in Engine.IO v4 it is always a MESSAGE with the raw bytes.
     * <pre>{@code EngineParser.decodeBinaryFrame(new byte[] {1, 2}) // MESSAGE, 2 bytes}</pre>
     *
     * @param frame the frame bytes
     * @return the packet
     */
    public static EnginePacket decodeBinaryFrame(byte[] frame) {
        return EnginePacket.message(frame);
    }

    /**
     * Encodes packets as one long-polling payload.
     * <pre>{@code EngineParser.encodePayload(List.of(EnginePacket.PING, EnginePacket.NOOP)) // "2\u001e6"}</pre>
     *
     * @param packets the packets, at least one
     * @return the payload text
     */
    public static String encodePayload(List<EnginePacket> packets) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) {
                sb.append(RECORD_SEPARATOR);
            }
            sb.append(encodePacket(packets.get(i)));
        }
        return sb.toString();
    }

    /**
     * Decodes a long-polling payload into its packets.
     * <pre>{@code EngineParser.decodePayload("4hello\u001e4world") // two MESSAGE packets}</pre>
     *
     * @param payload the HTTP body as text
     * @return the packets, in order
     * @throws EngineParseException if the payload is empty or any packet is invalid
     */
    public static List<EnginePacket> decodePayload(String payload) throws EngineParseException {
        if (payload == null || payload.isEmpty()) {
            throw new EngineParseException("empty payload");
        }
        List<EnginePacket> packets = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = payload.indexOf(RECORD_SEPARATOR, start);
            String part = end < 0 ? payload.substring(start) : payload.substring(start, end);
            packets.add(decodePacket(part));
            if (end < 0) {
                return packets;
            }
            start = end + 1;
        }
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    private static String withoutWhitespace(String text, int from) {
        int end = text.length();
        boolean clean = true;
        for (int i = from; i < end && clean; i++) {
            clean = !isBase64Whitespace(text.charAt(i));
        }
        if (clean) {
            return text.substring(from);
        }
        StringBuilder b = new StringBuilder(end - from);
        for (int i = from; i < end; i++) {
            char c = text.charAt(i);
            if (!isBase64Whitespace(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isBase64Whitespace(char c) {
        return c == '\n' || c == '\r' || c == ' ' || c == '\t';
    }
}
