package dev.sio4ee.protocol;

import static dev.sio4ee.protocol.Codec.decode;
import static dev.sio4ee.protocol.Codec.decodeOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Every malformed input of socket.io-parser's tests and of the protocol test suite. */
class DecoderErrorTest {

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(Object... frames) {
        return assertThatThrownBy(() -> decode(frames)).isExactlyInstanceOf(ProtocolException.class);
    }

    private static void assertInvalidPayload(String s) {
        assertRejected(s).hasMessageStartingWith("invalid payload");
    }

    @Test
    void shouldThrowAnErrorUponParsingError() {
        assertInvalidPayload("442[\"some\",\"data\"");
        assertInvalidPayload("0/admin,\"invalid\"");
        assertInvalidPayload("0[]");
        assertInvalidPayload("1/admin,{}");
        assertInvalidPayload("2/admin,\"invalid");
        assertInvalidPayload("2/admin,{}");
        assertInvalidPayload("2[{\"toString\":\"foo\"}]");
        assertInvalidPayload("2[true,\"foo\"]");
        assertInvalidPayload("2[null,\"bar\"]");
    }

    @Test
    void shouldRejectAnInvalidAttachmentCount() {
        for (String s : List.of("5", "51", "50-", "5a-", "51.23-", "5-", "5-1-[\"a\"]", "6", "6-1[]", "5 1-[\"a\"]")) {
            assertRejected(s).hasMessageStartingWith("Illegal attachments");
        }
    }

    @Test
    void shouldRejectAnUnknownPacketType() {
        assertRejected("999").hasMessage("unknown packet type 9");
        assertRejected("7").hasMessage("unknown packet type 7");
        assertRejected("abc").hasMessage("unknown packet type a"); // "4abc" in the test suite
        assertRejected("\u0000").hasMessage("unknown packet type \\u0000");
        assertRejected("").hasMessageContaining("empty packet");
        assertRejected((Object) null).hasMessage("Unknown type: null");
    }

    @Test
    void shouldRejectAnInvalidPayloadFormat() {
        assertInvalidPayload("2{}"); // "42{}" in the test suite
        assertInvalidPayload("2abc[\"message-with-ack\",1,\"2\",{\"3\":[false]}]"); // invalid ack id
        assertInvalidPayload("2[]");
        assertInvalidPayload("2[\"a\"] x");
        assertInvalidPayload("2[\"a\"]]");
        assertInvalidPayload("2null");
        assertInvalidPayload("0null");
        assertInvalidPayload("0\"x\"");
        assertInvalidPayload("3{}");
        assertInvalidPayload("3\"a\"");
        assertInvalidPayload("41");
        assertInvalidPayload("4[]");
        assertInvalidPayload("1[]");
        assertInvalidPayload("2admin,[\"a\"]");
        assertInvalidPayload("2[NaN]");
        assertInvalidPayload("2['a']");
    }

    @Test
    void shouldRequireThePayloadOfEventsAndAcks() {
        for (String s : List.of("2", "2/admin,", "212", "3", "312", "3/admin,1", "4", "4/admin,")) {
            assertRejected(s).hasMessageContaining("requires a payload");
        }
    }

    @Test
    void shouldNotRejectReservedEventNames() throws Exception {
        // socket.io-parser rejects them; here the socket layer must
        assertThat(decodeOne("2[\"connect\"]").data().asJsonArray().getString(0)).isEqualTo("connect");
        assertThat(decodeOne("2[\"disconnect\",\"123\"]").data().asJsonArray().getString(0)).isEqualTo("disconnect");
    }

    @Test
    void shouldRejectAnAckIdOutOfRange() {
        assertRejected("2" + (Integer.MAX_VALUE + 1L) + "[\"a\"]").hasMessageStartingWith("invalid ack id");
        assertRejected("299999999999999999999999999999[\"a\"]").hasMessageStartingWith("invalid ack id");
    }

    @Test
    void shouldThrowAnErrorWhenReceivingTooManyAttachments() {
        assertThatThrownBy(() -> Codec.decodeWithMax(2,
                "53-[\"hello\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1},"
                        + "{\"_placeholder\":true,\"num\":2}]"))
                .isExactlyInstanceOf(ProtocolException.class).hasMessageStartingWith("too many attachments");
        assertRejected("511-[\"a\"]").hasMessageStartingWith("too many attachments");
        assertRejected("599999999999999999999999-[\"a\"]").hasMessageStartingWith("too many attachments");
        assertThatThrownBy(() -> Codec.decodeWithMax(0, "51-[\"a\",{\"_placeholder\":true,\"num\":0}]"))
                .hasMessageStartingWith("too many attachments");
        assertThatThrownBy(() -> new Decoder(p -> { }, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldThrowAnErrorWhenAddingAnAttachmentWithAnInvalidNumAttribute() {
        assertRejected("51-[\"hello\",{\"_placeholder\":true,\"num\":\"splice\"}]", new byte[] {1})
                .hasMessageStartingWith("illegal attachments");
        assertRejected("51-[\"hello\",{\"_placeholder\":true,\"num\":1}]", new byte[] {1})
                .hasMessageStartingWith("illegal attachments");
        assertRejected("51-[\"hello\",{\"_placeholder\":true,\"num\":-1}]").hasMessageStartingWith("illegal attachments");
        assertRejected("51-[\"hello\",{\"_placeholder\":true,\"num\":0.5}]").hasMessageStartingWith("illegal attachments");
        assertRejected("51-[\"hello\",{\"_placeholder\":true}]").hasMessageStartingWith("illegal attachments");
        assertRejected("51-[\"a\",{\"b\":[{\"_placeholder\":true,\"num\":1}]}]").hasMessageStartingWith("illegal attachments");
    }

    @Test
    void shouldThrowAnErrorWhenAddingAnAttachmentWithoutHeader() {
        assertRejected((Object) new byte[] {1}).hasMessage("got binary data when not reconstructing a packet");
        assertRejected("2[\"a\"]", new byte[] {1}).hasMessage("got binary data when not reconstructing a packet");
        assertRejected("51-[\"a\",{\"_placeholder\":true,\"num\":0}]", new byte[] {1}, new byte[] {2})
                .hasMessage("got binary data when not reconstructing a packet");
    }

    @Test
    void shouldThrowAnErrorWhenDecodingABinaryEventWithoutAttachments() {
        assertRejected("51-[\"hello\",{\"_placeholder\":true,\"num\":0}]", "2[\"hello\"]")
                .hasMessage("got plaintext data when reconstructing a packet");
    }

    @Test
    void shouldBeCleanAfterAnError() throws Exception {
        List<Packet> out = new ArrayList<>();
        Decoder decoder = new Decoder(out::add);
        decoder.add("51-[\"hello\",{\"_placeholder\":true,\"num\":0}]");
        assertThatThrownBy(() -> decoder.add("2[\"hello\"]")).isInstanceOf(ProtocolException.class);
        assertThat(decoder.isReconstructing()).isFalse();
        decoder.add("2[\"again\"]");
        assertThatThrownBy(() -> decoder.add("2{")).isInstanceOf(ProtocolException.class);
        decoder.add("3[]");
        assertThat(out).hasSize(2);
    }

    @Test
    void shouldResumeDecodingAfterCallingDestroy() throws Exception {
        List<Packet> out = new ArrayList<>();
        Decoder decoder = new Decoder(out::add);
        decoder.add("51-[\"hello\"]");
        decoder.destroy();
        decoder.add("2[\"hello\"]");
        assertThat(out).containsExactly(Packet.event("/", "hello", null));
        decoder.add("51-[\"hello\"]");
        decoder.reset();
        assertThatThrownBy(() -> decoder.add(new byte[1])).isInstanceOf(ProtocolException.class);
    }

    @Test
    void shouldRejectDeeplyNestedJson() {
        assertInvalidPayload("2[\"a\"," + "[".repeat(100_000) + "]".repeat(100_000) + "]");
        assertInvalidPayload("2[\"a\"," + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + "]");
        assertInvalidPayload("2[\"a\"," + "[".repeat(100_000));
    }

    @Test
    void shouldRejectHugeNumbers() {
        assertInvalidPayload("2[\"a\",1e999999999999]");
        assertInvalidPayload("2[\"a\"," + "1".repeat(100_000) + "]");
    }

    @Test
    void shouldLetCallbackExceptionsThrough() throws Exception {
        Decoder decoder = new Decoder(p -> {
            throw new IllegalStateException("app bug");
        });
        assertThatThrownBy(() -> decoder.add("2[\"a\"]")).isExactlyInstanceOf(IllegalStateException.class);
        decoder.add("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
        assertThatThrownBy(() -> decoder.add(new byte[1])).isExactlyInstanceOf(IllegalStateException.class);
        assertThat(decoder.isReconstructing()).isFalse();
    }
}
