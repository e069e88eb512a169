package dev.sio4ee.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random input never makes the decoder throw anything but {@link ProtocolException}. */
class FuzzTest {

    private static final String ALPHABET = "0123456789-/,[]{}\":_placeholdertruefalsenullnum \\ue.+\u0000\u00e9\ud83d\ude00";

    private static final List<String> SEEDS = List.of(
            "0", "0/admin,{\"token\":\"123\"}", "1/admin,", "2[\"a\",1,{}]", "2/test,1[\"a\",1,{}]", "3123[\"a\",1,{}]",
            "4{\"message\":\"x\"}", "51-[\"baz\",{\"_placeholder\":true,\"num\":0}]",
            "52-/admin,9[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
            "61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]");

    private static void feed(Decoder decoder, Object frame) {
        try {
            if (frame instanceof String s) {
                decoder.add(s);
            } else {
                decoder.add((byte[]) frame);
            }
        } catch (ProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Test
    void shouldOnlyThrowProtocolExceptionsOnRandomStrings() {
        Random random = new Random(42);
        int[] delivered = {0};
        Decoder decoder = new Decoder(p -> delivered[0]++);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            feed(decoder, sb.toString());
            if (random.nextInt(4) == 0) {
                feed(decoder, new byte[random.nextInt(3)]);
            }
        }
        assertThat(delivered[0]).isPositive();
    }

    @Test
    void shouldOnlyThrowProtocolExceptionsOnMutatedPackets() {
        Random random = new Random(7);
        int[] delivered = {0};
        Decoder decoder = new Decoder(p -> delivered[0]++, 2);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder sb = new StringBuilder(SEEDS.get(random.nextInt(SEEDS.size())));
            for (int m = random.nextInt(4); m >= 0 && sb.length() > 0; m--) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.deleteCharAt(at);
                    case 1 -> sb.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    default -> sb.setCharAt(at, (char) random.nextInt(0x10000));
                }
            }
            feed(decoder, sb.toString());
            for (int b = random.nextInt(3); b > 0; b--) {
                feed(decoder, new byte[] {(byte) n});
            }
        }
        assertThat(delivered[0]).isPositive();
    }

    @Test
    void shouldRoundTripRandomlyBuiltPackets() throws Exception {
        Random random = new Random(3);
        Encoder encoder = new Encoder();
        for (int n = 0; n < 2_000; n++) {
            List<Object> args = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                args.add(switch (random.nextInt(5)) {
                    case 0 -> random.nextInt();
                    case 1 -> Long.toString(random.nextLong(), 36) + "\"\\\n,/";
                    case 2 -> new byte[random.nextInt(5)];
                    case 3 -> Map.of("k", List.of(random.nextDouble(), new byte[] {1}));
                    default -> random.nextBoolean();
                });
            }
            String nsp = random.nextBoolean() ? "/" : "/n" + random.nextInt(10);
            Packet packet = random.nextBoolean()
                    ? Packet.event(nsp, "e" + n, args).withId(random.nextBoolean() ? null : random.nextInt(1000))
                    : Packet.ack(nsp, random.nextInt(1000), args);
            assertThat(Codec.decode(encoder.encode(packet).toArray())).containsExactly(packet);
        }
    }
}
