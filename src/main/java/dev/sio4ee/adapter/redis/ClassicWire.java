package dev.sio4ee.adapter.redis;

import dev.sio4ee.adapter.BroadcastOptions;
import dev.sio4ee.adapter.ClusterCodec;
import dev.sio4ee.protocol.Binary;
import dev.sio4ee.protocol.Packet;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * The wire format of Node's classic Redis adapter ({@code createAdapter}) and of the Redis emitter: channel names,
 * request types, the msgpack broadcast {@code [uid, packet, opts]}, JSON or msgpack requests and responses (the
 * receiver reads JSON when the first byte is {@code '{'}, msgpack otherwise).
 */
final class ClassicWire {
    static final int SOCKETS = 0;
    static final int ALL_ROOMS = 1;
    static final int REMOTE_JOIN = 2;
    static final int REMOTE_LEAVE = 3;
    static final int REMOTE_DISCONNECT = 4;
    static final int REMOTE_FETCH = 5;
    static final int SERVER_SIDE_EMIT = 6;
    static final int BROADCAST = 7;
    static final int BROADCAST_CLIENT_COUNT = 8;
    static final int BROADCAST_ACK = 9;

    /** The uid of {@code @socket.io/redis-emitter}. */
    static final String EMITTER_UID = "emitter";
    static final JsonProvider JSON = JsonProvider.provider();
    private static final String UID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClassicWire() {
    }

    /** The channels of one namespace. */
    record Channels(String key, String nsp) {
        /** {@code <key>#<nsp>#}: broadcasts to all or to several rooms. */
        String broadcast() {
            return key + "#" + nsp + "#";
        }

        /** The channel of a broadcast: the room channel for exactly one room. */
        String broadcast(BroadcastOptions opts) {
            return opts.rooms().size() == 1 ? broadcast() + opts.rooms().iterator().next() + "#" : broadcast();
        }

        /** {@code <key>#<nsp>#*}, PSUBSCRIBEd. */
        String pattern() {
            return broadcast() + "*";
        }

        String request() {
            return key + "-request#" + nsp + "#";
        }

        String response() {
            return key + "-response#" + nsp + "#";
        }

        String response(String uid) {
            return response() + uid + "#";
        }
    }

    /** A random id as Node's {@code uid2(n)}: url-safe characters. */
    static String uid(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        StringBuilder b = new StringBuilder(length);
        for (byte x : bytes) {
            b.append(UID_CHARS.charAt((x & 0xff) % 64));
        }
        return b.toString();
    }

    /** A JSON string's value, or null for anything else. */
    static String string(JsonValue v) {
        return v instanceof jakarta.json.JsonString s ? s.getString() : null;
    }

    static JsonObjectBuilder object() {
        return ClusterCodec.object();
    }

    /** {@code {rooms, except, flags}} as Node's broadcast publishes it. */
    static JsonObject options(BroadcastOptions opts) {
        return ClusterCodec.options(opts);
    }

    /** {@code {rooms, except}} as Node's requests carry them. */
    static JsonObject targets(BroadcastOptions opts) {
        return object().add("rooms", ClusterCodec.strings(opts.rooms()))
                .add("except", ClusterCodec.strings(opts.except())).build();
    }

    /** The msgpack broadcast {@code [uid, {type, data, nsp}, {rooms, except, flags}]}. */
    static byte[] broadcast(String uid, Packet packet, String nsp, BroadcastOptions opts) {
        JsonValue message = JSON.createArrayBuilder().add(uid).add(ClusterCodec.packet(packet.withId(null), nsp))
                .add(options(opts)).build();
        return MsgPack.encode(message, packet.attachments());
    }

    /** A request or response as JSON text, or as msgpack when it carries binary values (JSON cannot). */
    static byte[] encode(JsonObject message, List<byte[]> attachments) {
        if (attachments != null && !attachments.isEmpty()) {
            return MsgPack.encode(message, attachments);
        }
        StringWriter w = new StringWriter();
        try (var writer = JSON.createWriter(w)) {
            writer.write(message);
        }
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A message as Node reads it: JSON if it starts with '{', else msgpack. */
    static Binary.Deconstructed decode(byte[] message) {
        if (message.length > 0 && message[0] == '{') {
            try (var reader = JSON.createReader(new ByteArrayInputStream(message))) {
                return new Binary.Deconstructed(reader.readValue(), List.of());
            } catch (jakarta.json.JsonException e) {
                throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
            }
        }
        return MsgPack.decode(message);
    }
}
