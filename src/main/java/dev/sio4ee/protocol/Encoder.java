package dev.sio4ee.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Encodes packets in the Socket.IO v5 text format:
 * {@code <type>[<attachments>-][<nsp>,][<ack id>][<JSON payload>]}, followed by the binary attachments.
 *
 * <p>Stateless and thread-safe: one instance can serve the whole application. The result of
 * {@link #encode(Packet)} is immutable, so a broadcast encodes a packet once and sends the same list to every
 * client.
 *
 * <pre>{@code
 * Encoder encoder = new Encoder();
 * List<Object> frames = encoder.encode(Packet.event("/admin", "x", List.of(new byte[] {1, 2})));
 * String header = (String) frames.get(0);  // 51-/admin,["x",{"_placeholder":true,"num":0}]
 * byte[] first = (byte[]) frames.get(1);   // {1, 2}
 * }</pre>
 */
public final class Encoder {

    /**
     * Creates an encoder.
     *
     * <pre>{@code Encoder encoder = new Encoder();}</pre>
     */
    public Encoder() {
    }

    /**
     * Encodes a packet: the text part first, then each attachment. A packet with attachments is written as
     * {@link PacketType#BINARY_EVENT} / {@link PacketType#BINARY_ACK}.
     *
     * <pre>{@code
     * encoder.encode(Packet.event("/", "hello", List.of(1)));            // ["2[\"hello\",1]"]
     * encoder.encode(Packet.ack("/chat", 12, List.of("ok")));            // ["3/chat,12[\"ok\"]"]
     * encoder.encode(Packet.connect("/admin", token));                   // ["0/admin,{\"token\":\"123\"}"]
     * }</pre>
     *
     * @param packet the packet
     * @return an unmodifiable list: a {@code String}, then the {@code byte[]} attachments in order (the arrays
     *     are the packet's own, not copies)
     * @throws IllegalArgumentException if the payload is not allowed for the type (see {@link Packet#isValid()}),
     *     or a placeholder of the payload has no attachment
     */
    public List<Object> encode(Packet packet) {
        String text = encodeText(packet);
        if (packet.attachments().isEmpty()) {
            return List.of(text);
        }
        List<Object> out = new ArrayList<>(packet.attachments().size() + 1);
        out.add(text);
        out.addAll(packet.attachments());
        return Collections.unmodifiableList(out);
    }

    /**
     * Encodes only the text part of a packet (what {@link #encode(Packet)} puts first).
     *
     * <pre>{@code String s = encoder.encodeText(Packet.disconnect("/admin")); // 1/admin,}</pre>
     *
     * @param packet the packet
     * @return the text part
     * @throws IllegalArgumentException as {@link #encode(Packet)}
     */
    public String encodeText(Packet packet) {
        if (!packet.isValid()) {
            throw new IllegalArgumentException("invalid payload for a " + packet.type() + " packet: " + packet.data());
        }
        int count = packet.attachments().size();
        if (count > 0) {
            String problem = Binary.checkPlaceholders(packet.data(), count);
            if (problem != null) {
                throw new IllegalArgumentException("illegal attachments: " + problem);
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append(packet.wireType().code());
        if (count > 0) {
            sb.append(count).append('-');
        }
        if (!Packet.DEFAULT_NAMESPACE.equals(packet.nsp())) {
            sb.append(packet.nsp()).append(',');
        }
        if (packet.id() != null) {
            sb.append(packet.id().intValue());
        }
        if (packet.data() != null) {
            JsonText.write(sb, packet.data());
        }
        return sb.toString();
    }
}
