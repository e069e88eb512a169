package dev.sio4ee.adapter;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.List;
import java.util.Objects;

/**
 * A message between the servers of a cluster, as socket.io-adapter's {@code ClusterMessage} /
 * {@code ClusterResponse}: the uid of the server that sent it, the namespace, the {@link Type} (with Node's numeric
 * codes) and the type's payload as JSON with Node's field names ({@code opts}, {@code packet}, {@code rooms},
 * {@code close}, {@code requestId}, {@code sockets}, {@code clientCount}). Binary values inside {@code data} are
 * placeholders {@code {"_placeholder":true,"num":N}} standing for {@code attachments().get(N)}, as in a binary
 * Socket.IO packet, so that a transport can carry the JSON and the bytes side by side.
 *
 * <pre>{@code
 * ClusterMessage m = new ClusterMessage(uid, "/", ClusterMessage.Type.SERVER_SIDE_EMIT, data, List.of());
 * String wire = m.toJson().toString();                         // {"uid":"...","nsp":"/","type":9,"data":{...}}
 * ClusterMessage back = ClusterMessage.fromJson(parsed, m.attachments());
 * }</pre>
 *
 * @param uid         the unique id of the sending server
 * @param nsp         the namespace
 * @param type        the message type
 * @param data        the payload ({@link JsonValue#EMPTY_JSON_OBJECT} for heartbeats)
 * @param attachments the binary values referenced by placeholders in {@code data} (unmodifiable)
 */
public record ClusterMessage(String uid, String nsp, Type type, JsonObject data, List<byte[]> attachments) {

    /** The message types, with the numeric codes of Node's {@code MessageType} enum (wire compatible). */
    public enum Type {
        /** A server joined (Node's heartbeat variant only). */
        INITIAL_HEARTBEAT(1),
        /** A server is alive (Node's heartbeat variant only). */
        HEARTBEAT(2),
        /** {@code broadcast} / {@code broadcastWithAck} ({@code requestId} present when acks are expected). */
        BROADCAST(3),
        /** {@code socketsJoin}. */
        SOCKETS_JOIN(4),
        /** {@code socketsLeave}. */
        SOCKETS_LEAVE(5),
        /** {@code disconnectSockets}. */
        DISCONNECT_SOCKETS(6),
        /** {@code fetchSockets} request. */
        FETCH_SOCKETS(7),
        /** The sockets of one server, answering {@link #FETCH_SOCKETS}. */
        FETCH_SOCKETS_RESPONSE(8),
        /** {@code serverSideEmit} ({@code requestId} present when an answer is expected). */
        SERVER_SIDE_EMIT(9),
        /** One server's answer to {@link #SERVER_SIDE_EMIT}. */
        SERVER_SIDE_EMIT_RESPONSE(10),
        /** How many clients one server reached with a {@link #BROADCAST} expecting acks. */
        BROADCAST_CLIENT_COUNT(11),
        /** One client's ack to a {@link #BROADCAST} expecting acks. */
        BROADCAST_ACK(12),
        /** A server's adapter closed (Node's heartbeat variant only). */
        ADAPTER_CLOSE(13);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        /**
         * The numeric code on the wire.
         * <pre>{@code ClusterMessage.Type.BROADCAST.code() // 3}</pre>
         *
         * @return the code
         */
        public int code() {
            return code;
        }

        /**
         * The type of a numeric code.
         * <pre>{@code ClusterMessage.Type.of(9) // SERVER_SIDE_EMIT}</pre>
         *
         * @param code the code
         * @return the type
         * @throws IllegalArgumentException for an unknown code
         */
        public static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown cluster message type " + code);
        }
    }

    private static final JsonProvider JSON = JsonProvider.provider();

    /**
     * Validates the components and copies the attachments.
     * <pre>{@code new ClusterMessage(uid, "/", ClusterMessage.Type.HEARTBEAT, null, null)}</pre>
     *
     * @param uid         see the record doc
     * @param nsp         see the record doc
     * @param type        see the record doc
     * @param data        see the record doc ({@code null} means an empty object)
     * @param attachments see the record doc ({@code null} means none)
     */
    public ClusterMessage {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(nsp, "nsp");
        Objects.requireNonNull(type, "type");
        data = data == null ? JsonValue.EMPTY_JSON_OBJECT : data;
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /**
     * The request id of a request or response, or {@code null} (a broadcast or server-side emit without ack).
     * <pre>{@code String id = message.requestId();}</pre>
     *
     * @return the {@code data.requestId} string, or null
     */
    public String requestId() {
        JsonValue v = data.get("requestId");
        return v instanceof JsonString s ? s.getString() : null;
    }

    /**
     * The JSON form {@code {"uid","nsp","type":code,"data"}} (attachments travel beside it).
     * <pre>{@code String text = message.toJson().toString();}</pre>
     *
     * @return the JSON object
     */
    public JsonObject toJson() {
        return JSON.createObjectBuilder().add("uid", uid).add("nsp", nsp).add("type", type.code)
                .add("data", data).build();
    }

    /**
     * Reads the JSON form written by {@link #toJson()}.
     * <pre>{@code ClusterMessage m = ClusterMessage.fromJson(json, attachments);}</pre>
     *
     * @param json        the JSON object
     * @param attachments the binary values sent beside it
     * @return the message
     * @throws IllegalArgumentException when a field is missing or has the wrong type
     */
    public static ClusterMessage fromJson(JsonObject json, List<byte[]> attachments) {
        try {
            JsonValue data = json.get("data");
            return new ClusterMessage(json.getString("uid"), json.getString("nsp"),
                    Type.of(((JsonNumber) json.get("type")).intValueExact()),
                    data instanceof JsonObject o ? o : null, attachments);
        } catch (NullPointerException | ClassCastException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid cluster message: " + json, e);
        }
    }
}
