package dev.sio4ee.adapter.redis;

import dev.sio4ee.adapter.ClusterMessage;
import dev.sio4ee.protocol.Binary;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The bytes of a {@link ClusterMessage} on a shard channel, as Node's sharded adapter writes them: JSON text of the
 * whole message {@code {"uid","nsp","type","data"}}, unless its type may carry binary values and {@code data}
 * holds some; then MessagePack of the whole message, binary values as {@code bin}. A reader tells them apart by the
 * first byte ({@code '{'} is JSON).
 *
 * <pre>{@code
 * byte[] wire = ShardedCodec.encode(message);
 * ClusterMessage back = ShardedCodec.decode(wire);
 * }</pre>
 */
final class ShardedCodec {
    private static final JsonProvider JSON = JsonProvider.provider();
    /** The types whose {@code data} Node checks for binary values (any other type is always JSON). */
    private static final Set<ClusterMessage.Type> MAY_CONTAIN_BINARY = EnumSet.of(ClusterMessage.Type.BROADCAST,
            ClusterMessage.Type.BROADCAST_ACK, ClusterMessage.Type.FETCH_SOCKETS_RESPONSE,
            ClusterMessage.Type.SERVER_SIDE_EMIT, ClusterMessage.Type.SERVER_SIDE_EMIT_RESPONSE);

    private ShardedCodec() {
    }

    /** JSON text, or MessagePack when the message carries binary values and its type may. */
    static byte[] encode(ClusterMessage message) {
        if (!message.attachments().isEmpty() && MAY_CONTAIN_BINARY.contains(message.type())) {
            return MsgPack.encode(message.toJson(), message.attachments());
        }
        if (!message.attachments().isEmpty()) {
            throw new IllegalArgumentException("a cluster message of type " + message.type()
                    + " cannot carry binary values");
        }
        return message.toJson().toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads JSON (first byte {@code '{'}) or MessagePack.
     *
     * @throws IllegalArgumentException when the bytes are not a cluster message
     */
    static ClusterMessage decode(byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw new IllegalArgumentException("empty message");
        }
        if (raw[0] == '{') {
            try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(raw))) {
                return ClusterMessage.fromJson(reader.readObject(), List.of());
            } catch (JsonException | IllegalStateException e) {
                throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
            }
        }
        Binary.Deconstructed d = MsgPack.decode(raw);
        if (!(d.data() instanceof JsonObject json)) {
            throw new IllegalArgumentException("a MessagePack message that is not a map");
        }
        return ClusterMessage.fromJson(json, d.attachments());
    }
}
