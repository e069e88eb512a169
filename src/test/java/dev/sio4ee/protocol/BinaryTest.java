package dev.sio4ee.protocol;

import static dev.sio4ee.protocol.Codec.ENCODER;
import static dev.sio4ee.protocol.Codec.decode;
import static dev.sio4ee.protocol.Codec.decodeOne;
import static dev.sio4ee.protocol.Codec.json;
import static dev.sio4ee.protocol.Codec.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Binary attachments: placeholders, deconstruction, reconstruction. */
class BinaryTest {

    private static final byte[] B1234 = {1, 2, 3, 4};

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldEncodeABinaryEvent() throws Exception {
        Packet p = Packet.event("/", "baz", List.of(B1234));
        List<Object> encoded = ENCODER.encode(p);
        assertThat(encoded).hasSize(2);
        assertThat(encoded.get(0)).isEqualTo("51-[\"baz\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(encoded.get(1)).isSameAs(B1234);
        assertThat(p.wireType()).isEqualTo(PacketType.BINARY_EVENT);
        assertThat(roundTrip(p)).isEqualTo(p);
    }

    @Test
    void shouldEncodeABinaryEventWithMultipleAttachments() throws Exception {
        Packet p = Packet.event("/admin", "baz", List.of(new byte[] {1, 2}, new byte[] {3, 4}));
        assertThat(ENCODER.encode(p)).containsExactly(
                "52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                new byte[] {1, 2}, new byte[] {3, 4});
        assertThat(roundTrip(p)).isEqualTo(p);
    }

    @Test
    void shouldEncodeABinaryAck() throws Exception {
        Packet p = Packet.ack("/", 15, List.of("bar", B1234));
        assertThat(ENCODER.encode(p)).containsExactly("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]", B1234);
        assertThat(roundTrip(p)).isEqualTo(p);

        Packet q = Packet.ack("/admin", 1, List.of(B1234));
        assertThat(ENCODER.encode(q).get(0)).isEqualTo("61-/admin,1[{\"_placeholder\":true,\"num\":0}]");
        Packet back = Packet.ack("/back", 127, List.of("a", utf8("xxx"), Map.of()));
        assertThat(roundTrip(back)).isEqualTo(back);
    }

    @Test
    void shouldEncodeABinaryEventWithAnAckId() throws Exception {
        Packet p = Packet.event("/cool", "a", List.of(utf8("abc"))).withId(23);
        assertThat(ENCODER.encode(p).get(0)).isEqualTo("51-/cool,23[\"a\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(roundTrip(p)).isEqualTo(p);
    }

    @Test
    void shouldEncodeANestedBuffer() throws Exception {
        Packet p = Packet.event("/cool", "a", List.of(Map.of("b", List.of("c", utf8("abc"))))).withId(23);
        assertThat(ENCODER.encode(p).get(0))
                .isEqualTo("51-/cool,23[\"a\",{\"b\":[\"c\",{\"_placeholder\":true,\"num\":0}]}]");
        assertThat(roundTrip(p)).isEqualTo(p);
    }

    @Test
    void shouldEncodeBuffersDeepInJson() throws Exception {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("a", "bye");
        c.put("b", Map.of("a", new byte[6]));
        Map<String, Object> arg = new LinkedHashMap<>();
        arg.put("a", "hi");
        arg.put("b", Map.of("why", new byte[3]));
        arg.put("c", c);
        Packet p = Packet.event("/deep", "a", List.of(arg)).withId(999);
        assertThat(ENCODER.encode(p)).hasSize(3);
        assertThat(ENCODER.encode(p).get(0)).isEqualTo("52-/deep,999[\"a\",{\"a\":\"hi\",\"b\":{\"why\":"
                + "{\"_placeholder\":true,\"num\":0}},\"c\":{\"a\":\"bye\",\"b\":{\"a\":{\"_placeholder\":true,\"num\":1}}}}]");
        Packet decoded = roundTrip(p);
        assertThat(decoded).isEqualTo(p);
        assertThat(decoded.attachments()).extracting(b -> b.length).containsExactly(3, 6);
    }

    @Test
    void shouldEncodeDeepBinaryJsonWithNullValues() throws Exception {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("g", null);
        Map<String, Object> arg = new LinkedHashMap<>();
        arg.put("a", "b");
        arg.put("c", 4);
        arg.put("e", e);
        arg.put("h", new byte[9]);
        Packet p = Packet.event("/", "a", List.of(arg)).withId(600);
        assertThat(ENCODER.encode(p).get(0))
                .isEqualTo("51-600[\"a\",{\"a\":\"b\",\"c\":4,\"e\":{\"g\":null},\"h\":{\"_placeholder\":true,\"num\":0}}]");
        assertThat(roundTrip(p)).isEqualTo(p);
    }

    @Test
    void shouldEncodeAnEmptyBufferAndAByteBuffer() throws Exception {
        ByteBuffer buffer = ByteBuffer.wrap(new byte[] {9, 8, 7, 6});
        buffer.position(1);
        Packet p = Packet.event("/", "a", List.of(new byte[0], buffer)).withId(0);
        assertThat(p.attachments()).containsExactly(new byte[0], new byte[] {8, 7, 6});
        assertThat(buffer.position()).isEqualTo(1);
        assertThat(roundTrip(p)).isEqualTo(p);
    }

    @Test
    void shouldNotModifyTheInput() {
        List<Object> args = new ArrayList<>(List.of("a", new byte[] {1, 2, 3}, new byte[] {4, 5, 6}));
        List<Object> copy = new ArrayList<>(args);
        Packet p = Packet.event("/", "x", args);
        ENCODER.encode(p);
        assertThat(args).isEqualTo(copy);
        assertThat(p.attachments()).hasSize(2);
    }

    @Test
    void shouldDeconstructJavaValues() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", null);
        map.put("t", true);
        map.put("l", List.of(1L, new BigDecimal("2.50"), 'c', Thread.State.NEW));
        map.put("a", new int[] {1, 2});
        map.put("b", new Object[] {new byte[] {7}, "s"});
        Binary.Deconstructed d = Binary.deconstruct(List.of("ev", map, json("{\"j\":[1]}"), new byte[] {8}));
        assertThat(d.data()).isEqualTo(json("[\"ev\",{\"n\":null,\"t\":true,\"l\":[1,2.50,\"c\",\"NEW\"],\"a\":[1,2],"
                + "\"b\":[{\"_placeholder\":true,\"num\":0},\"s\"]},{\"j\":[1]},{\"_placeholder\":true,\"num\":1}]"));
        assertThat(d.attachmentCount()).isEqualTo(2);
        assertThat(d.attachments()).containsExactly(new byte[] {7}, new byte[] {8});
        assertThat(Binary.deconstruct(null).data()).isEqualTo(JsonValue.NULL);
        assertThat(Binary.deconstruct("plain").attachments()).isEmpty();
    }

    @Test
    void shouldRefuseUnsupportedOrCircularValues() {
        assertThatThrownBy(() -> Binary.deconstruct(List.of(new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("java.lang.Object");
        Map<String, Object> circular = new LinkedHashMap<>();
        circular.put("self", circular);
        assertThatThrownBy(() -> Packet.event("/", "a", List.of(circular)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contains itself");
        // the same object twice is not a cycle
        List<Object> shared = List.of(1);
        assertThat(Binary.deconstruct(List.of(shared, shared)).data()).isEqualTo(json("[[1],[1]]"));
    }

    @Test
    void shouldRecognisePlaceholders() {
        assertThat(Binary.placeholder(3)).isEqualTo(json("{\"_placeholder\":true,\"num\":3}"));
        assertThat(Binary.isPlaceholder(json("{\"_placeholder\":true,\"num\":0}"))).isTrue();
        assertThat(Binary.isPlaceholder(json("{\"num\":1,\"_placeholder\":true}"))).isTrue();
        assertThat(Binary.placeholderIndex(json("{\"num\":1,\"_placeholder\":true}"))).isEqualTo(1);
        assertThat(Binary.placeholderIndex(json("{\"_placeholder\":true,\"num\":1E+1}"))).isEqualTo(10);
        assertThat(Binary.isPlaceholder(json("{\"_placeholder\":false,\"num\":0}"))).isFalse();
        assertThat(Binary.isPlaceholder(json("{\"_placeholder\":\"true\",\"num\":0}"))).isFalse();
        assertThat(Binary.isPlaceholder(json("{\"_placeholder\":true,\"num\":\"0\"}"))).isFalse();
        assertThat(Binary.isPlaceholder(json("{\"_placeholder\":true,\"num\":-1}"))).isFalse();
        assertThat(Binary.isPlaceholder(json("{\"_placeholder\":true,\"num\":0.5}"))).isFalse();
        assertThat(Binary.isPlaceholder(json("{\"_placeholder\":true,\"num\":1e30}"))).isFalse();
        assertThat(Binary.isPlaceholder(json("{\"_placeholder\":true}"))).isFalse();
        assertThat(Binary.isPlaceholder(json("[0]"))).isFalse();
        assertThat(Binary.isPlaceholder(null)).isFalse();
        assertThat(Binary.placeholderIndex(json("\"x\""))).isEqualTo(-1);
        assertThatThrownBy(() -> Binary.placeholder(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldDecodeABinaryEventFromTheTestSuite() throws Exception {
        List<Packet> packets = decode(
                "52-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                new byte[] {1, 2, 3}, new byte[] {4, 5, 6});
        assertThat(packets).hasSize(1);
        Packet p = packets.get(0);
        assertThat(p.type()).isEqualTo(PacketType.EVENT);
        assertThat(p.wireType()).isEqualTo(PacketType.BINARY_EVENT);
        assertThat(p.id()).isNull();
        assertThat(p.data()).isEqualTo(json("[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"));
        assertThat(Binary.attachment(p.data().asJsonArray().get(1), p.attachments())).containsExactly(1, 2, 3);
        assertThat(Binary.attachment(p.data().asJsonArray().get(2), p.attachments())).containsExactly(4, 5, 6);
        assertThat(Binary.attachment(p.data().asJsonArray().get(0), p.attachments())).isNull();
        // the server echoes it back with the same placeholders
        Packet echo = new Packet(PacketType.EVENT, "/", null,
                json("[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"),
                p.attachments());
        assertThat(ENCODER.encode(echo).get(0))
                .isEqualTo("52-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
    }

    @Test
    void shouldDecodeABinaryEventWithAnAckFromTheTestSuite() throws Exception {
        Packet p = decodeOne("52-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                new byte[] {1, 2, 3}, new byte[] {4, 5, 6});
        assertThat(p.id()).isEqualTo(789);
        Packet ack = new Packet(PacketType.ACK, "/", 789,
                json("[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"), p.attachments());
        assertThat(ENCODER.encode(ack))
                .containsExactly("62-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                        new byte[] {1, 2, 3}, new byte[] {4, 5, 6});
    }

    @Test
    void shouldDecodeABinaryAckAsAnAck() throws Exception {
        Packet p = decodeOne("61-/admin,1[{\"_placeholder\":true,\"num\":0}]", B1234);
        assertThat(p).isEqualTo(new Packet(PacketType.ACK, "/admin", 1, json("[{\"_placeholder\":true,\"num\":0}]"),
                List.of(B1234)));
    }

    @Test
    void shouldWaitForAllAttachments() throws Exception {
        List<Packet> out = new ArrayList<>();
        Decoder decoder = new Decoder(out::add);
        decoder.add("52-[\"a\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]");
        assertThat(decoder.isReconstructing()).isTrue();
        decoder.add(new byte[] {0});
        assertThat(out).isEmpty();
        decoder.add(new byte[] {1});
        assertThat(decoder.isReconstructing()).isFalse();
        assertThat(out).hasSize(1);
        Packet p = out.get(0);
        assertThat(Binary.attachment(p.data().asJsonArray().get(1), p.attachments())).containsExactly(1);
        decoder.add("2[\"next\"]");
        assertThat(out).hasSize(2);
    }

    @Test
    void shouldKeepPlaceholderLookalikesOfPlainPackets() throws Exception {
        Packet p = decodeOne("2[\"a\",{\"_placeholder\":true,\"num\":5}]");
        assertThat(p.attachments()).isEmpty();
        assertThat(Binary.attachment(p.data().asJsonArray().get(1), p.attachments())).isNull();
    }

    @Test
    void shouldReconstructJavaValues() throws Exception {
        Packet p = decodeOne("51-[\"upload\",{\"name\":\"a.png\",\"size\":3,\"ratio\":0.5,\"big\":12345678901,"
                + "\"huge\":1e40,\"ok\":true,\"no\":false,\"nil\":null,\"tags\":[\"x\"],"
                + "\"bytes\":{\"_placeholder\":true,\"num\":0}}]", new byte[] {1, 2, 3});
        List<?> args = (List<?>) Binary.reconstruct(p.data(), p.attachments());
        assertThat(args.get(0)).isEqualTo("upload");
        @SuppressWarnings("unchecked")
        Map<String, Object> file = (Map<String, Object>) args.get(1);
        assertThat(file.keySet()).containsExactly("name", "size", "ratio", "big", "huge", "ok", "no", "nil", "tags", "bytes");
        assertThat(file.get("name")).isEqualTo("a.png");
        assertThat(file.get("size")).isEqualTo(3);
        assertThat(file.get("ratio")).isEqualTo(0.5);
        assertThat(file.get("big")).isEqualTo(12345678901L);
        assertThat(file.get("huge")).isEqualTo(new BigDecimal("1e40"));
        assertThat(file.get("ok")).isEqualTo(true);
        assertThat(file.get("no")).isEqualTo(false);
        assertThat(file.get("nil")).isNull();
        assertThat(file.get("tags")).isEqualTo(List.of("x"));
        assertThat((byte[]) file.get("bytes")).containsExactly(1, 2, 3);
        assertThat(Binary.reconstruct(null, List.of())).isNull();
    }

    @Test
    void shouldRefuseToEncodeAPlaceholderWithoutAttachment() {
        Packet p = new Packet(PacketType.EVENT, "/", null, json("[\"a\",{\"_placeholder\":true,\"num\":1}]"),
                List.of(new byte[1]));
        assertThatThrownBy(() -> ENCODER.encode(p)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("illegal attachments");
    }

    @Test
    void shouldCompareAttachmentsByContent() {
        Packet a = Packet.event("/", "a", List.of(new byte[] {1}));
        Packet b = Packet.event("/", "a", List.of(new byte[] {1}));
        Packet c = Packet.event("/", "a", List.of(new byte[] {2}));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotEqualTo(c);
        assertThat(a.toString()).contains("1 bytes");
    }

    /** Arguments already in wire form, as the server's {@code Args} are. */
    private static final class Wire extends java.util.AbstractList<Object> implements Encoded {
        private final List<JsonValue> json;
        private final List<byte[]> attachments;

        Wire(List<JsonValue> json, List<byte[]> attachments) {
            this.json = json;
            this.attachments = attachments;
        }

        @Override
        public List<JsonValue> json() {
            return json;
        }

        @Override
        public List<byte[]> attachments() {
            return attachments;
        }

        @Override
        public Object get(int index) {
            return json.get(index);
        }

        @Override
        public int size() {
            return json.size();
        }
    }

    @Test
    void shouldTakeAnEncodedListAsItIs() {
        List<JsonValue> values = json("[{\"n\":1},\"s\",[1,2]]").asJsonArray();
        Binary.Deconstructed d = Binary.deconstruct(new Wire(values, List.of()));
        assertThat(d.data()).isEqualTo(json("[{\"n\":1},\"s\",[1,2]]"));
        assertThat(d.data().asJsonArray().get(0)).isSameAs(values.get(0));
        assertThat(d.attachments()).isEmpty();
    }

    @Test
    void shouldRenumberTheAttachmentsOfAnEncodedListThatFollowsOthers() throws Exception {
        byte[] first = {9};
        byte[] own0 = {1};
        byte[] own1 = {2};
        Wire wire = new Wire(json("[{\"_placeholder\":true,\"num\":1},{\"a\":[{\"_placeholder\":true,\"num\":0}]}]")
                .asJsonArray(), List.of(own0, own1));
        Packet p = Packet.event("/", "e", List.of(first, wire));
        assertThat(ENCODER.encode(p).get(0)).isEqualTo("53-[\"e\",{\"_placeholder\":true,\"num\":0},"
                + "[{\"_placeholder\":true,\"num\":2},{\"a\":[{\"_placeholder\":true,\"num\":1}]}]]");
        assertThat(p.attachments()).containsExactly(first, own0, own1);
        assertThat(roundTrip(p)).isEqualTo(p);
        // alone, its placeholders keep their numbers
        Packet alone = Packet.ack("/", 3, wire);
        assertThat(alone.attachments()).containsExactly(own0, own1);
        assertThat(ENCODER.encode(alone).get(0)).isEqualTo(
                "62-3[{\"_placeholder\":true,\"num\":1},{\"a\":[{\"_placeholder\":true,\"num\":0}]}]");
    }

    @Test
    void shouldReconstructNumbersAsTheSmallestFittingJavaType() {
        @SuppressWarnings("unchecked")
        List<Object> values = (List<Object>) Binary.reconstruct(
                json("[1,-2147483648,2147483648,9223372036854775808,1.5,1e2,1.0]"), List.of());
        assertThat(values).containsExactly(1, Integer.MIN_VALUE, 2147483648L,
                new BigDecimal("9223372036854775808"), 1.5, 100, 1);
    }
}
