package dev.sio4ee.protocol;

import static dev.sio4ee.protocol.Codec.ENCODER;
import static dev.sio4ee.protocol.Codec.decodeOne;
import static dev.sio4ee.protocol.Codec.json;
import static dev.sio4ee.protocol.Codec.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Encoding and decoding of every packet type, with the exact strings of the specification. */
class ParserTest {

    private static void assertEncodes(Packet packet, String expected) throws ProtocolException {
        assertThat(ENCODER.encode(packet)).containsExactly(expected);
        assertThat(decodeOne(expected)).isEqualTo(packet);
        assertThat(roundTrip(packet)).isEqualTo(packet);
    }

    @Test
    void shouldExposeTypes() {
        assertThat(PacketType.values()).extracting(PacketType::code).containsExactly(0, 1, 2, 3, 4, 5, 6);
        for (PacketType t : PacketType.values()) {
            assertThat(PacketType.of(t.code())).isSameAs(t);
        }
        assertThatThrownBy(() -> PacketType.of(7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PacketType.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(PacketType.EVENT.binary()).isEqualTo(PacketType.BINARY_EVENT);
        assertThat(PacketType.BINARY_ACK.plain()).isEqualTo(PacketType.ACK);
        assertThat(PacketType.CONNECT.binary()).isEqualTo(PacketType.CONNECT);
    }

    @Test
    void shouldEncodeAConnectionToTheMainNamespace() throws Exception {
        assertEncodes(new Packet(PacketType.CONNECT, "/", null), "0");
    }

    @Test
    void shouldEncodeAConnectionToACustomNamespace() throws Exception {
        assertEncodes(Packet.connect("/admin", json("{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}").asJsonObject()),
                "0/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}");
    }

    @Test
    void shouldEncodeAConnectionWithAPayload() throws Exception {
        assertEncodes(Packet.connect("/admin", json("{\"token\":\"123\"}").asJsonObject()), "0/admin,{\"token\":\"123\"}");
        assertEncodes(Packet.connect("/woot", json("{\"token\":\"123\"}").asJsonObject()), "0/woot,{\"token\":\"123\"}");
        assertEncodes(Packet.connect("/", json("{\"token\":\"123\"}").asJsonObject()), "0{\"token\":\"123\"}");
    }

    @Test
    void shouldEncodeAConnectError() throws Exception {
        assertEncodes(Packet.connectError("/", "Not authorized"), "4{\"message\":\"Not authorized\"}");
        assertEncodes(new Packet(PacketType.CONNECT_ERROR, "/", json("\"Unauthorized\"")), "4\"Unauthorized\"");
        assertEncodes(Packet.connectError("/random", "Invalid namespace"), "4/random,{\"message\":\"Invalid namespace\"}");
    }

    @Test
    void shouldEncodeADisconnection() throws Exception {
        assertEncodes(Packet.disconnect("/"), "1");
        assertEncodes(Packet.disconnect("/admin"), "1/admin,");
        assertEncodes(Packet.disconnect("/woot"), "1/woot,");
    }

    @Test
    void shouldEncodeAnEvent() throws Exception {
        assertEncodes(Packet.event("/", "foo", List.of()), "2[\"foo\"]");
        assertEncodes(Packet.event("/admin", "bar", null), "2/admin,[\"bar\"]");
        assertEncodes(Packet.event("/", "hello", List.of(1)), "2[\"hello\",1]");
        assertEncodes(Packet.event("/", "a", List.of(1, Map.of())), "2[\"a\",1,{}]");
        assertEncodes(Packet.event("/", "hey", List.of("Jude")), "2[\"hey\",\"Jude\"]");
    }

    @Test
    void shouldEncodeAnEventWithAnIntegerAsEventName() throws Exception {
        assertEncodes(new Packet(PacketType.EVENT, "/", json("[1,\"a\",{}]")), "2[1,\"a\",{}]");
    }

    @Test
    void shouldEncodeAnEventWithAnAckId() throws Exception {
        assertEncodes(Packet.event("/", "foo", null).withId(12), "212[\"foo\"]");
        assertEncodes(Packet.event("/test", "a", List.of(1, Map.of())).withId(1), "2/test,1[\"a\",1,{}]");
        assertEncodes(Packet.event("/admin", "tellme", null).withId(1), "2/admin,1[\"tellme\"]");
        assertEncodes(Packet.event("/", "x", null).withId(0), "20[\"x\"]");
    }

    @Test
    void shouldEncodeAnAck() throws Exception {
        assertEncodes(Packet.ack("/admin", 13, List.of("bar")), "3/admin,13[\"bar\"]");
        assertEncodes(Packet.ack("/chat", 12, List.of("ok")), "3/chat,12[\"ok\"]");
        assertEncodes(Packet.ack("/", 12, List.of()), "312[]");
        assertEncodes(Packet.ack("/", 123, List.of("a", 1, Map.of())), "3123[\"a\",1,{}]");
    }

    @Test
    void shouldDecodeTheSampleSession() throws Exception {
        assertThat(decodeOne("0")).isEqualTo(new Packet(PacketType.CONNECT, "/", null));
        assertThat(decodeOne("0/admin,")).isEqualTo(new Packet(PacketType.CONNECT, "/admin", null));
        assertThat(decodeOne("2[\"hello\"]")).isEqualTo(Packet.event("/", "hello", null));
        assertThat(decodeOne("2/admin,1[\"tellme\"]")).isEqualTo(Packet.event("/admin", "tellme", null).withId(1));
    }

    @Test
    void shouldDecodeANamespaceWithoutTrailingComma() throws Exception {
        assertThat(decodeOne("0/random")).isEqualTo(new Packet(PacketType.CONNECT, "/random", null));
        assertThat(decodeOne("1/custom")).isEqualTo(Packet.disconnect("/custom"));
        assertThat(decodeOne("0/custom,{\"token\":\"abc\"}").data()).isEqualTo(json("{\"token\":\"abc\"}"));
    }

    @Test
    void shouldDecodeTheTestSuitePackets() throws Exception {
        assertThat(decodeOne("2[\"message\",1,\"2\",{\"3\":[true]}]").data())
                .isEqualTo(json("[\"message\",1,\"2\",{\"3\":[true]}]"));
        Packet withAck = decodeOne("2456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
        assertThat(withAck.id()).isEqualTo(456);
        assertThat(withAck.type()).isEqualTo(PacketType.EVENT);
        assertThat(ENCODER.encode(new Packet(PacketType.ACK, "/", 456, json("[1,\"2\",{\"3\":[false]}]"), null)))
                .containsExactly("3456[1,\"2\",{\"3\":[false]}]");
        assertThat(ENCODER.encode(Packet.event("/", "auth", List.of(Map.of())))).containsExactly("2[\"auth\",{}]");
    }

    @Test
    void shouldDecodeAnEmptyOrDefaultNamespaceAsTheMainNamespace() throws Exception {
        assertThat(decodeOne("2/,[\"a\"]").nsp()).isEqualTo("/");
    }

    @Test
    void shouldDecodeAPayloadSurroundedByWhitespace() throws Exception {
        assertThat(decodeOne("2 [\"a\"] ").data()).isEqualTo(json("[\"a\"]"));
    }

    @Test
    void shouldKeepAckIdLeadingZeros() throws Exception {
        assertThat(decodeOne("2007[\"a\"]").id()).isEqualTo(7);
        assertThat(decodeOne("3" + Integer.MAX_VALUE + "[]").id()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void shouldDecodeAConnectWithAnId() throws Exception {
        // socket.io-parser accepts an id on any packet type
        assertThat(decodeOne("012").id()).isEqualTo(12);
    }

    @Test
    void shouldRefuseToEncodeANamespaceContainingAComma() {
        assertThatThrownBy(() -> Packet.event("/a,b", "hello", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid namespace: must not contain a comma");
        assertThatThrownBy(() -> Packet.event("/a,b", "hello", List.of(new byte[] {1, 2, 3})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid namespace: must not contain a comma");
        assertThatThrownBy(() -> Packet.disconnect("admin")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseToEncodeAnInvalidPacket() {
        assertThatThrownBy(() -> ENCODER.encode(new Packet(PacketType.CONNECT, "/admin", json("\"invalid\""))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ENCODER.encode(new Packet(PacketType.CONNECT, "/", json("[]"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ENCODER.encode(new Packet(PacketType.DISCONNECT, "/admin", json("{}"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ENCODER.encode(new Packet(PacketType.EVENT, "/admin", json("\"invalid\""))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ENCODER.encode(new Packet(PacketType.EVENT, "/admin", json("{}"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ENCODER.encode(new Packet(PacketType.EVENT, "/", json("[true,\"foo\"]"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ENCODER.encode(new Packet(PacketType.EVENT, "/", json("[null,\"bar\"]"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ENCODER.encode(new Packet(PacketType.ACK, "/", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Packet.event("/", "a", null).withId(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldEnsureThatAPacketIsValid() {
        assertThat(new Packet(PacketType.CONNECT, "/", null).isValid()).isTrue();
        assertThat(new Packet(PacketType.CONNECT, "/admin", json("\"invalid\"")).isValid()).isFalse();
        assertThat(new Packet(PacketType.CONNECT, "/", json("[]")).isValid()).isFalse();
        assertThat(new Packet(PacketType.DISCONNECT, "/admin", json("{}")).isValid()).isFalse();
        assertThat(new Packet(PacketType.EVENT, "/admin", json("\"invalid\"")).isValid()).isFalse();
        assertThat(new Packet(PacketType.EVENT, "/admin", json("{}")).isValid()).isFalse();
        assertThat(new Packet(PacketType.EVENT, "/", json("{\"toString\":\"foo\"}")).isValid()).isFalse();
        assertThat(new Packet(PacketType.EVENT, "/", json("[]")).isValid()).isFalse();
        assertThat(new Packet(PacketType.EVENT, "/", json("[1]")).isValid()).isTrue();
        assertThat(new Packet(PacketType.ACK, "/", json("[]")).isValid()).isTrue();
        assertThat(new Packet(PacketType.CONNECT_ERROR, "/", json("\"x\"")).isValid()).isTrue();
        assertThat(new Packet(PacketType.CONNECT_ERROR, "/", null).isValid()).isFalse();
        // reserved event names are the socket layer's business
        assertThat(new Packet(PacketType.EVENT, "/", json("[\"connect\"]")).isValid()).isTrue();
    }

    @Test
    void shouldNormaliseTheComponentsOfAPacket() {
        Packet p = new Packet(PacketType.BINARY_EVENT, null, null, JsonValue.NULL, null);
        assertThat(p.type()).isEqualTo(PacketType.EVENT);
        assertThat(p.nsp()).isEqualTo("/");
        assertThat(p.data()).isNull();
        assertThat(p.attachments()).isEmpty();
        assertThat(p.wireType()).isEqualTo(PacketType.EVENT);
        assertThatThrownBy(() -> new Packet(PacketType.CONNECT, "/", null, null, List.of(new byte[1])))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReturnAnImmutableEncodingThatCanBeReused() {
        List<Object> encoded = ENCODER.encode(Packet.event("/", "news", List.of("x")));
        assertThatThrownBy(() -> encoded.add("y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(ENCODER.encode(Packet.event("/", "news", List.of("x")))).isEqualTo(encoded);
        assertThat(ENCODER.encodeText(Packet.event("/", "news", List.of("x")))).isEqualTo(encoded.get(0));
    }

    @Test
    void shouldEncodeStringsAndNumbersLikeJsonStringify() {
        assertThat(ENCODER.encodeText(Packet.event("/", "s", List.of("q\"b\\s/\n\t\r\b\f\u0001\u001f é😀 \u2028"))))
                .isEqualTo("2[\"s\",\"q\\\"b\\\\s/\\n\\t\\r\\b\\f\\u0001\\u001f é😀 \u2028\"]");
        assertThat(ENCODER.encodeText(Packet.event("/", "s", List.of("\ud800x\udc00"))))
                .isEqualTo("2[\"s\",\"\\ud800x\\udc00\"]");
        assertThat(ENCODER.encodeText(new Packet(PacketType.EVENT, "/",
                json("[\"n\",1.0,1.50,-0,100,1e2,1E+21,1e20,0.000001,1e-7,-2.5e-8,123456789012345678901234,3.14]"))))
                .isEqualTo("2[\"n\",1,1.5,0,100,100,1e+21,100000000000000000000,0.000001,1e-7,-2.5e-8,"
                        + "1.23456789012345678901234e+23,3.14]");
        assertThat(ENCODER.encodeText(Packet.event("/", "n", List.of(1.0, 2.5f, Double.NaN, Long.MAX_VALUE, (short) 3))))
                .isEqualTo("2[\"n\",1,2.5,null," + Long.MAX_VALUE + ",3]");
        assertThat(ENCODER.encodeText(new Packet(PacketType.EVENT, "/", json("[\"big\",1e99999]"))))
                .isEqualTo("2[\"big\",1e+99999]");
    }

    @Test
    void shouldWriteIntegersOfEveryLengthDigitForDigit() {
        java.util.Random random = new java.util.Random(7);
        for (int digits = 1; digits <= 21; digits++) {
            for (int i = 0; i < 20; i++) {
                StringBuilder n = new StringBuilder().append((char) ('1' + random.nextInt(9)));
                for (int d = 1; d < digits; d++) {
                    n.append((char) ('0' + random.nextInt(10)));
                }
                String wire = "2[\"n\"," + n + ",-" + n + "]";
                assertThat(ENCODER.encodeText(new Packet(PacketType.EVENT, "/", json(wire.substring(1)))))
                        .as("%d digits", digits).isEqualTo(wire);
            }
        }
        assertThat(ENCODER.encodeText(new Packet(PacketType.EVENT, "/",
                json("[\"n\",999999999999999999,1000000000000000000,1e18,-1e17,2E+3,0,-0]"))))
                .isEqualTo("2[\"n\",999999999999999999,1000000000000000000,1000000000000000000,"
                        + "-100000000000000000,2000,0,0]");
    }

    @Test
    void shouldReencodeADecodedPacketIdentically() throws Exception {
        String[] wire = {
            "0", "0/admin,{\"token\":\"123\"}", "1/admin,", "2[\"a\",1,{\"b\":[true,false,null]}]",
            "2/test,1[\"a\",1,{}]", "3123[\"a\",1,{}]", "4{\"message\":\"Unauthorized\"}", "4\"Unauthorized\"",
            "2[\"unicode\",\"h\u00e9llo \\u0000 \\\"q\\\"\"]",
        };
        for (String s : wire) {
            assertThat(ENCODER.encode(decodeOne(s))).containsExactly(s);
        }
    }
}
