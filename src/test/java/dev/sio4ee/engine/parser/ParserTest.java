package dev.sio4ee.engine.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden vectors of the Engine.IO v4 codec, its error cases and a bounded fuzz. */
class ParserTest {
    private static final char RS = '\u001e';

    static Stream<Arguments> packetsWithData() {
        return Stream.of(
                Arguments.of(EnginePacketType.OPEN, "{\"sid\":\"abc\",\"upgrades\":[]}",
                        "0{\"sid\":\"abc\",\"upgrades\":[]}"),
                Arguments.of(EnginePacketType.CLOSE, "x", "1x"),
                Arguments.of(EnginePacketType.PING, "probe", "2probe"),
                Arguments.of(EnginePacketType.PONG, "probe", "3probe"),
                Arguments.of(EnginePacketType.MESSAGE, "hello", "4hello"),
                Arguments.of(EnginePacketType.UPGRADE, "x", "5x"),
                Arguments.of(EnginePacketType.NOOP, "x", "6x"));
    }

    @ParameterizedTest
    @EnumSource(EnginePacketType.class)
    void shouldEncodeAndDecodeEveryPacketTypeWithoutData(EnginePacketType type) throws Exception {
        String wire = String.valueOf((char) ('0' + type.ordinal()));
        assertThat(type.code()).isEqualTo(wire.charAt(0));
        assertThat(EnginePacketType.fromCode(wire.charAt(0))).isSameAs(type);
        assertThat(EngineParser.encodePacket(EnginePacket.of(type))).isEqualTo(wire);

        EnginePacket decoded = EngineParser.decodePacket(wire);
        assertThat(decoded.type()).isEqualTo(type);
        assertThat(decoded.isBinary()).isFalse();
        // a bare "4" is an empty message; the other types carry no data
        assertThat(decoded.text()).isEqualTo(type == EnginePacketType.MESSAGE ? "" : null);
        assertThat(EngineParser.encodePacket(decoded)).isEqualTo(wire);
    }

    @ParameterizedTest
    @MethodSource("packetsWithData")
    void shouldEncodeAndDecodeEveryPacketTypeWithData(EnginePacketType type, String data, String wire)
            throws Exception {
        assertThat(EngineParser.encodePacket(EnginePacket.of(type, data))).isEqualTo(wire);
        assertThat(EngineParser.decodePacket(wire)).isEqualTo(EnginePacket.of(type, data));
    }

    @Test
    void shouldHaveTheSharedConstants() {
        assertThat(EngineParser.encodePacket(EnginePacket.PING)).isEqualTo("2");
        assertThat(EngineParser.encodePacket(EnginePacket.CLOSE)).isEqualTo("1");
        assertThat(EngineParser.encodePacket(EnginePacket.NOOP)).isEqualTo("6");
        assertThat(EngineParser.RECORD_SEPARATOR).isEqualTo(RS);
    }

    @Test
    void shouldEncodeABinaryMessageAsBAndBase64() throws Exception {
        EnginePacket p = EnginePacket.message(new byte[] {1, 2, 3, 4});
        assertThat(EngineParser.encodePacket(p)).isEqualTo("bAQIDBA==");
        assertThat(EngineParser.decodePacket("bAQIDBA==")).isEqualTo(p);
        assertThat(EngineParser.decodePacket("bAQIDBA==").binary()).containsExactly(1, 2, 3, 4);
        assertThat(EngineParser.decodePacket("b").binary()).isEmpty();
        assertThat(EngineParser.encodePacket(EnginePacket.message(new byte[0]))).isEqualTo("b");
    }

    @Test
    void shouldWrapABinaryFrameAsAMessage() {
        EnginePacket p = EngineParser.decodeBinaryFrame(new byte[] {(byte) 0xff, 0});
        assertThat(p.type()).isEqualTo(EnginePacketType.MESSAGE);
        assertThat(p.binary()).containsExactly(0xff, 0);
        assertThat(p.payloadLength()).isEqualTo(2);
    }

    @Test
    void shouldEncodeAndDecodeAPayloadWithSeveralPackets() throws Exception {
        List<EnginePacket> packets = List.of(EnginePacket.message("test1"), EnginePacket.message("test2"),
                EnginePacket.message("test3"));
        String wire = "4test1" + RS + "4test2" + RS + "4test3";
        assertThat(EngineParser.encodePayload(packets)).isEqualTo(wire);
        assertThat(EngineParser.decodePayload(wire)).containsExactlyElementsOf(packets);
    }

    @Test
    void shouldEncodeAndDecodeAPayloadWithTextAndBinary() throws Exception {
        List<EnginePacket> packets = List.of(EnginePacket.message("hello"),
                EnginePacket.message(new byte[] {1, 2, 3, 4}), EnginePacket.PING, EnginePacket.NOOP);
        String wire = "4hello" + RS + "bAQIDBA==" + RS + "2" + RS + "6";
        assertThat(EngineParser.encodePayload(packets)).isEqualTo(wire);
        assertThat(EngineParser.decodePayload(wire)).containsExactlyElementsOf(packets);
    }

    @Test
    void shouldDecodeAPayloadWithASinglePacket() throws Exception {
        assertThat(EngineParser.decodePayload("4hello")).containsExactly(EnginePacket.message("hello"));
        assertThat(EngineParser.decodePayload("1")).containsExactly(EnginePacket.CLOSE);
    }

    @Test
    void shouldKeepUtf8AndEmojiTextIntact() throws Exception {
        String text = "h\u00e9llo \u20ac \ud83d\ude00 \u4e16\u754c";
        assertThat(EngineParser.encodePacket(EnginePacket.message(text))).isEqualTo("4" + text);
        assertThat(EngineParser.decodePacket("4" + text).text()).isEqualTo(text);
        String payload = EngineParser.encodePayload(
                List.of(EnginePacket.message(text), EnginePacket.message("\ud83d\ude00")));
        // the payload travels as UTF-8 bytes
        String overTheWire = new String(payload.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertThat(EngineParser.decodePayload(overTheWire))
                .containsExactly(EnginePacket.message(text), EnginePacket.message("\ud83d\ude00"));
        assertThat(EnginePacket.message("\u00e9\ud83d\ude00").payloadLength()).isEqualTo(2 + 4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "8", "9", "a", "x", "/", ":", " ", "\u0000", "\u001e", "\ud83d\ude00",
        "b!!!", "b====", "bA", "bAQ=x", "b-_-_", "bA Q=x"})
    void shouldRejectAMalformedPacketWithAParseException(String input) {
        assertThatThrownBy(() -> EngineParser.decodePacket(input)).isExactlyInstanceOf(EngineParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bAQID\n", "bAQID\r\n", "b AQID", "bAQ\nID", "b\tAQID "})
    void shouldSkipLineBreaksAndSpacesInBase64AsNodeDoes(String input) throws Exception {
        // the official Java client (io.socket 2.1.2) ends the base64 of a binary packet with a newline
        assertThat(EngineParser.decodePacket(input).binary()).containsExactly(1, 2, 3);
    }

    @Test
    void shouldRejectANullPacketAndPayloadWithAParseException() {
        assertThatThrownBy(() -> EngineParser.decodePacket(null)).isExactlyInstanceOf(EngineParseException.class);
        assertThatThrownBy(() -> EngineParser.decodePayload(null)).isExactlyInstanceOf(EngineParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\u001e", "4a\u001e", "\u001e4a", "4a\u001e\u001e4b", "4a\u001ex", "4a\u001eb!!",
        "9\u001e4a", "abc"})
    void shouldRejectAMalformedPayloadWithAParseException(String input) {
        assertThatThrownBy(() -> EngineParser.decodePayload(input)).isExactlyInstanceOf(EngineParseException.class);
    }

    @Test
    void shouldNameTheProblemInTheExceptionMessage() {
        assertThatThrownBy(() -> EngineParser.decodePacket("9")).hasMessageContaining("'9'");
        assertThatThrownBy(() -> EngineParser.decodePacket("\u0001")).hasMessageContaining("\\u0001");
        assertThatThrownBy(() -> EngineParser.decodePayload("")).hasMessage("empty payload");
    }

    @Test
    void shouldRefuseAPacketWithBothTextAndBinary() {
        assertThatThrownBy(() -> new EnginePacket(EnginePacketType.MESSAGE, "a", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnginePacket.of(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void shouldCompareBinaryPacketsByContent() {
        assertThat(EnginePacket.message(new byte[] {1, 2})).isEqualTo(EnginePacket.message(new byte[] {1, 2}))
                .hasSameHashCodeAs(EnginePacket.message(new byte[] {1, 2}))
                .isNotEqualTo(EnginePacket.message(new byte[] {1, 3}));
        assertThat(EnginePacket.message("x".repeat(100)).toString()).contains("...");
    }

    private static final String ALPHABET = "0123456789b\u001e\u001e\u001eAQIDBA==+/-_ xyz{}\":,\u0000\u00e9\u20ac"
            + "\ud83d\ude00\ud800\udc00";

    private static String randomString(Random r) {
        int len = r.nextInt(12);
        StringBuilder sb = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            sb.append(r.nextInt(10) == 0 ? (char) r.nextInt(0x10000) : ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    @Test
    void shouldThrowOnlyParseExceptionsOnRandomInput() {
        Random random = new Random(20240601L);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            String input = randomString(random);
            try {
                EnginePacket p = EngineParser.decodePacket(input);
                // what decodes re-encodes to something that decodes to the same packet
                assertThat(EngineParser.decodePacket(EngineParser.encodePacket(p))).isEqualTo(p);
                decoded++;
            } catch (EngineParseException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("decodePacket(%s) threw %s", escape(input), e);
            }
            try {
                List<EnginePacket> packets = EngineParser.decodePayload(input);
                assertThat(packets).isNotEmpty();
                assertThat(EngineParser.decodePayload(EngineParser.encodePayload(packets))).isEqualTo(packets);
            } catch (EngineParseException expected) {
                // fine
            } catch (RuntimeException e) {
                fail("decodePayload(%s) threw %s", escape(input), e);
            }
        }
        assertThat(decoded).as("the fuzz also reaches valid packets").isGreaterThan(1_000);
    }

    @Test
    void shouldRoundTripRandomPayloads() throws Exception {
        Random random = new Random(42L);
        for (int i = 0; i < 2_000; i++) {
            List<EnginePacket> packets = new ArrayList<>();
            int n = 1 + random.nextInt(5);
            for (int k = 0; k < n; k++) {
                if (random.nextBoolean()) {
                    byte[] b = new byte[random.nextInt(20)];
                    random.nextBytes(b);
                    packets.add(EnginePacket.message(b));
                } else {
                    EnginePacketType type = EnginePacketType.values()[random.nextInt(7)];
                    String text = randomString(random).replace(RS, '.');
                    packets.add(text.isEmpty() && type != EnginePacketType.MESSAGE ? EnginePacket.of(type)
                            : EnginePacket.of(type, text));
                }
            }
            assertThat(EngineParser.decodePayload(EngineParser.encodePayload(packets))).isEqualTo(packets);
        }
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.chars().forEach(c -> sb.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c)
                : String.format("\\u%04x", c)));
        return sb.append('"').toString();
    }
}
