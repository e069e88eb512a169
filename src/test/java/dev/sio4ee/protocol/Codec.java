package dev.sio4ee.protocol;

import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Test helpers. */
final class Codec {

    static final Encoder ENCODER = new Encoder();

    private Codec() {
    }

    /** Parses JSON text (test data, assumed valid). */
    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    /** Feeds the frames (String or byte[]) to a new decoder and returns the packets it delivered. */
    static List<Packet> decode(Object... frames) throws ProtocolException {
        return decodeWithMax(Decoder.DEFAULT_MAX_ATTACHMENTS, frames);
    }

    static List<Packet> decodeWithMax(int maxAttachments, Object... frames) throws ProtocolException {
        List<Packet> out = new ArrayList<>();
        Decoder decoder = new Decoder(out::add, maxAttachments);
        for (Object frame : frames) {
            if (frame instanceof String s) {
                decoder.add(s);
            } else {
                decoder.add((byte[]) frame);
            }
        }
        return out;
    }

    /** Decodes frames that must make exactly one packet. */
    static Packet decodeOne(Object... frames) throws ProtocolException {
        List<Packet> packets = decode(frames);
        if (packets.size() != 1) {
            throw new AssertionError("expected 1 packet, got " + packets);
        }
        return packets.get(0);
    }

    /** Encodes then decodes a packet. */
    static Packet roundTrip(Packet packet) throws ProtocolException {
        return decodeOne(ENCODER.encode(packet).toArray());
    }
}
