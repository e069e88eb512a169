package dev.sio4ee.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio4ee.protocol.Binary;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MsgPackTest {
    private static final HexFormat HEX = HexFormat.of();

    private static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    private static String hex(JsonValue v) {
        return HEX.formatHex(MsgPack.encode(v));
    }

    @Test
    void shouldRoundTripJsonTrees() {
        for (String text : List.of("null", "true", "false", "0", "1", "-1", "127", "128", "255", "256", "65535",
                "65536", "4294967295", "4294967296", "-32", "-33", "-128", "-129", "-32768", "-32769",
                "-2147483648", "-2147483649", "9007199254740991", "-9007199254740991", "1.5", "-0.25",
                "\"\"", "\"héllo ☃ 😀\"", "[]", "{}", "[1,[2,[3,{\"a\":null}]]]",
                "{\"rooms\":[\"r1\",\"r2\"],\"except\":[],\"flags\":{\"volatile\":true,\"timeout\":5000}}")) {
            JsonValue v = json(text);
            Binary.Deconstructed back = MsgPack.decode(MsgPack.encode(v));
            assertThat(back.data()).as(text).isEqualTo(v);
            assertThat(back.attachments()).isEmpty();
        }
    }

    @Test
    void shouldChooseTheIntegerFormatsOfNotepack() {
        assertThat(hex(json("5"))).isEqualTo("05");
        assertThat(hex(json("200"))).isEqualTo("ccc8");
        assertThat(hex(json("1000"))).isEqualTo("cd03e8");
        assertThat(hex(json("100000"))).isEqualTo("ce000186a0");
        assertThat(hex(json("5000000000"))).isEqualTo("cf000000012a05f200");
        assertThat(hex(json("-5"))).isEqualTo("fb");
        assertThat(hex(json("-100"))).isEqualTo("d09c");
        assertThat(hex(json("-1000"))).isEqualTo("d1fc18");
        assertThat(hex(json("-100000"))).isEqualTo("d2fffe7960");
        assertThat(hex(json("-5000000000"))).isEqualTo("d3fffffffed5fa0e00");
        assertThat(hex(json("2.0"))).as("a whole number written with a fraction is an integer in JS")
                .isEqualTo("02");
        assertThat(hex(json("1e3"))).isEqualTo("cd03e8");
        assertThat(hex(json("0.5"))).isEqualTo("cb3fe0000000000000");
        assertThat(hex(json("\"" + "x".repeat(40) + "\""))).startsWith("d928");
        assertThat(hex(json("null"))).isEqualTo("c0");
    }

    @Test
    void shouldTurnPlaceholdersIntoBinAndBack() {
        Binary.Deconstructed d = Binary.deconstruct(List.of("upload", new byte[] {1, 2, 3},
                java.util.Map.of("nested", new byte[300])));
        byte[] wire = MsgPack.encode(d.data(), d.attachments());
        assertThat(HEX.formatHex(wire)).startsWith("93a675706c6f6164c403010203");
        Binary.Deconstructed back = MsgPack.decode(wire);
        assertThat(back.data()).isEqualTo(d.data());
        assertThat(back.attachments()).hasSize(2);
        assertThat(back.attachments().get(0)).containsExactly(1, 2, 3);
        assertThat(back.attachments().get(1)).hasSize(300);
    }

    @Test
    void shouldDecodeEveryIntegerAndFloatWidth() {
        assertThat(MsgPack.decode(HEX.parseHex("d0ff")).data()).isEqualTo(json("-1"));
        assertThat(MsgPack.decode(HEX.parseHex("cd0001")).data()).isEqualTo(json("1"));
        assertThat(MsgPack.decode(HEX.parseHex("d300000000000000ff")).data()).isEqualTo(json("255"));
        assertThat(MsgPack.decode(HEX.parseHex("cfffffffffffffffff")).data())
                .isEqualTo(json("18446744073709551615"));
        assertThat(MsgPack.decode(HEX.parseHex("ca3fc00000")).data()).isEqualTo(json("1.5"));
        assertThat(MsgPack.decode(HEX.parseHex("cb7ff8000000000000")).data()).as("NaN").isEqualTo(JsonValue.NULL);
    }

    @Test
    void shouldDecodeNotepackDatesAsIsoStrings() {
        // timestamp 32: 2024-01-01T00:00:00Z
        assertThat(MsgPack.decode(HEX.parseHex("d6ff65920080")).data())
                .isEqualTo(Json.createValue("2024-01-01T00:00:00.000Z"));
        // timestamp 64: 2024-01-01T00:00:00.123Z (ns 123000000 << 34 | s)
        long v = (123_000_000L << 34) | 0x65920080L;
        assertThat(MsgPack.decode(HEX.parseHex("d7ff" + String.format("%016x", v))).data())
                .isEqualTo(Json.createValue("2024-01-01T00:00:00.123Z"));
        // timestamp 96: ns 0, s = 0x65920080
        assertThat(MsgPack.decode(HEX.parseHex("c70cff" + "00000000" + "0000000065920080")).data())
                .isEqualTo(Json.createValue("2024-01-01T00:00:00.000Z"));
        // notepack's legacy undefined: dropped from maps, null in arrays
        assertThat(MsgPack.decode(HEX.parseHex("82a161d40000a16201")).data()).isEqualTo(json("{\"b\":1}"));
        assertThat(MsgPack.decode(HEX.parseHex("91d40000")).data()).isEqualTo(json("[null]"));
    }

    @Test
    void shouldRefuseMalformedInputWithClearErrors() {
        assertThatThrownBy(() -> MsgPack.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("c1"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("0102"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trailing");
        // a bin 32 claiming 4 GiB, an array 32 claiming 4 billion items, a str 32: no allocation, a clear error
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("c6ffffffff00")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes left");
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("ddfffffff0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes left");
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("db7fffffff41")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes left");
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("92a161")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("d40501")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("extension type 5");
        assertThatThrownBy(() -> MsgPack.decode(HEX.parseHex("81c301")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("map key");
        byte[] deep = new byte[100_000];
        java.util.Arrays.fill(deep, (byte) 0x91);
        assertThatThrownBy(() -> MsgPack.decode(deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested");
        assertThatThrownBy(() -> MsgPack.encode(Binary.placeholder(3), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no attachment");
    }
}
