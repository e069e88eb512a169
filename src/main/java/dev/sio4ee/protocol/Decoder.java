package dev.sio4ee.protocol;

import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Decodes the Socket.IO v5 packets received on one connection. Text messages go to {@link #add(String)}, binary
 * messages to {@link #add(byte[])}; each complete packet is handed to the callback. A binary packet is handed over
 * once all its attachments have arrived, with type EVENT/ACK, its placeholders left in the JSON tree and the
 * attachments in {@link Packet#attachments()}.
 *
 * <p>Every malformed input makes {@code add} throw {@link ProtocolException} (and nothing else); the connection
 * should then be closed. After an exception the decoder holds no half-received packet. Exceptions thrown by the
 * callback propagate unchanged. Not thread-safe: use one instance per connection, fed in order.
 *
 * <p>Checks, as socket.io-parser does: the type digit, the attachment count (a positive integer followed by
 * {@code -}, at most {@link #maxAttachments()}), the ack id, the JSON syntax, the payload allowed for the type
 * (see {@link Packet#isValid()}; unlike socket.io-parser, the payload of EVENT and ACK is also mandatory, as the
 * specification says, and reserved event names are not checked), the placeholders (each must reference an
 * attachment), and the order of text and binary messages.
 *
 * <pre>{@code
 * Decoder decoder = new Decoder(packet -> socket.onPacket(packet));
 * decoder.add("2[\"hello\"]");                                        // delivers EVENT ["hello"]
 * decoder.add("51-[\"file\",{\"_placeholder\":true,\"num\":0}]");   // waits for 1 attachment
 * decoder.add(new byte[] {1, 2, 3});                                     // delivers the packet
 * }</pre>
 */
public final class Decoder {

    /** Default maximum number of attachments of a binary packet, as in socket.io-parser. */
    public static final int DEFAULT_MAX_ATTACHMENTS = 10;

    private final Consumer<Packet> onPacket;
    private final int maxAttachments;

    /** The binary packet being reconstructed (type EVENT/ACK), or null. */
    private Packet pending;
    private int expected;
    private List<byte[]> received;

    /**
     * Creates a decoder accepting up to {@value #DEFAULT_MAX_ATTACHMENTS} attachments per packet.
     *
     * <pre>{@code Decoder decoder = new Decoder(packets::add);}</pre>
     *
     * @param onPacket receives each decoded packet
     */
    public Decoder(Consumer<Packet> onPacket) {
        this(onPacket, DEFAULT_MAX_ATTACHMENTS);
    }

    /**
     * Creates a decoder.
     *
     * <pre>{@code Decoder decoder = new Decoder(packets::add, 2);}</pre>
     *
     * @param onPacket receives each decoded packet
     * @param maxAttachments the maximum number of attachments per binary packet, {@code >= 0}
     */
    public Decoder(Consumer<Packet> onPacket, int maxAttachments) {
        if (maxAttachments < 0) {
            throw new IllegalArgumentException("maxAttachments must be >= 0: " + maxAttachments);
        }
        this.onPacket = Objects.requireNonNull(onPacket, "onPacket");
        this.maxAttachments = maxAttachments;
    }

    /**
     * The maximum number of attachments accepted per binary packet.
     *
     * <pre>{@code int max = new Decoder(p -> { }).maxAttachments(); // 10}</pre>
     *
     * @return the limit
     */
    public int maxAttachments() {
        return maxAttachments;
    }

    /**
     * Decodes a text message (the Engine.IO message without its leading {@code 4}). A plain packet is delivered at
     * once; a binary packet header makes the decoder wait for its attachments.
     *
     * <pre>{@code
     * decoder.add("2[\"hello\",1]");      // delivers EVENT ["hello",1]
     * decoder.add("3/chat,12[\"ok\"]");   // delivers ACK id 12 on /chat
     * }</pre>
     *
     * @param text the encoded packet
     * @throws ProtocolException if the text is not a valid packet, or attachments of a previous packet are
     *     still expected
     */
    public void add(String text) throws ProtocolException {
        if (text == null) {
            throw new ProtocolException("Unknown type: null");
        }
        if (pending != null) {
            reset();
            throw new ProtocolException("got plaintext data when reconstructing a packet");
        }
        Packet packet = decodeText(text);
        if (expected > 0) {
            pending = packet;
            received = new ArrayList<>(expected);
        } else {
            onPacket.accept(packet);
        }
    }

    /**
     * Adds an attachment of the binary packet being received; the packet is delivered with its last attachment.
     * The array is kept, not copied.
     *
     * <pre>{@code
     * decoder.add("51-[\"img\",{\"_placeholder\":true,\"num\":0}]");
     * decoder.add(bytes);   // delivers EVENT ["img",{"_placeholder":true,"num":0}] with attachments [bytes]
     * }</pre>
     *
     * @param data the binary message
     * @throws ProtocolException if no binary packet is being received
     */
    public void add(byte[] data) throws ProtocolException {
        if (data == null) {
            throw new ProtocolException("Unknown type: null");
        }
        if (pending == null) {
            throw new ProtocolException("got binary data when not reconstructing a packet");
        }
        received.add(data);
        if (received.size() == expected) {
            Packet packet = new Packet(pending.type(), pending.nsp(), pending.id(), pending.data(), received);
            reset();
            onPacket.accept(packet);
        }
    }

    /**
     * Whether a binary packet header was received and its attachments are still expected.
     *
     * <pre>{@code if (decoder.isReconstructing()) { ... }}</pre>
     *
     * @return true while attachments are awaited
     */
    public boolean isReconstructing() {
        return pending != null;
    }

    /**
     * Drops the binary packet being received, if any; the decoder is then ready for a new packet.
     *
     * <pre>{@code decoder.reset();}</pre>
     */
    public void reset() {
        pending = null;
        received = null;
        expected = 0;
    }

    /**
     * Releases the decoder's resources (the half-received binary packet), like socket.io-parser's
     * {@code destroy()}; same as {@link #reset()}.
     *
     * <pre>{@code connection.onClose(decoder::destroy);}</pre>
     */
    public void destroy() {
        reset();
    }

    /** Parses the text part; sets {@link #expected} to the attachment count (0 for a plain packet). */
    private Packet decodeText(String s) throws ProtocolException {
        int n = s.length();
        if (n == 0) {
            throw new ProtocolException("unknown packet type: empty packet");
        }
        char c = s.charAt(0);
        if (c < '0' || c > '6') {
            throw new ProtocolException("unknown packet type " + printable(c));
        }
        PacketType type = PacketType.of(c - '0');
        int i = 1;
        int count = 0;
        if (type.isBinary()) {
            int dash = s.indexOf('-', i);
            if (dash < 0) {
                throw new ProtocolException("Illegal attachments: missing '-' after the attachment count");
            }
            long value = parseDigits(s, i, dash);
            if (value < 1) {
                throw new ProtocolException("Illegal attachments: the count must be a positive integer, got '"
                        + abbreviate(s.substring(i, dash)) + "'");
            }
            if (value > maxAttachments) {
                throw new ProtocolException("too many attachments: more than " + maxAttachments);
            }
            count = (int) value;
            i = dash + 1;
        }

        String nsp = Packet.DEFAULT_NAMESPACE;
        if (i < n && s.charAt(i) == '/') {
            int comma = s.indexOf(',', i);
            int end = comma < 0 ? n : comma;
            nsp = s.substring(i, end);
            i = comma < 0 ? n : comma + 1;
        }

        Integer id = null;
        if (i < n && isDigit(s.charAt(i))) {
            long value = 0;
            while (i < n && isDigit(s.charAt(i))) {
                value = value * 10 + (s.charAt(i++) - '0');
                if (value > Integer.MAX_VALUE) {
                    throw new ProtocolException("invalid ack id: larger than " + Integer.MAX_VALUE);
                }
            }
            id = (int) value;
        }

        JsonValue data = null;
        if (i < n) {
            char first = s.charAt(i);
            if (first != '[' && first != '{' && first != '"' && first != ' ' && first != '\t' && first != '\n'
                    && first != '\r') {
                // no valid payload (object, array or string) starts otherwise: a bad namespace, ack id, ...
                throw new ProtocolException("invalid payload: unexpected '" + printable(first) + "' at index " + i
                        + " (expected a namespace, an ack id or a JSON object, array or string)");
            }
            data = JsonText.parse(s, i);
        }
        if (!Packet.isPayloadValid(type, data)) {
            throw new ProtocolException(data == null
                    ? "invalid payload: " + type + " packet requires a payload"
                    : "invalid payload: " + type + " packet cannot carry " + abbreviate(data.toString()));
        }
        if (count > 0) {
            String problem = Binary.checkPlaceholders(data, count);
            if (problem != null) {
                throw new ProtocolException("illegal attachments: " + problem);
            }
        }
        expected = count;
        return new Packet(type, nsp, id, data, List.of());
    }

    /** The value of the digits {@code s[from, to)}, saturated above {@code Integer.MAX_VALUE}; -1 if empty or not digits. */
    private static long parseDigits(String s, int from, int to) {
        if (from == to) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = Math.min(value * 10 + (c - '0'), (long) Integer.MAX_VALUE + 1);
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
