package dev.sio4ee.engine;

import java.nio.charset.StandardCharsets;

/**
 * The Engine.IO error codes, with the HTTP status and message the Node.js server answers them with
 * ({@code {"code":1,"message":"Session ID unknown"}}).
 *
 * <pre>{@code
 * EngineError e = EngineError.UNKNOWN_SID;
 * e.code();    // 1
 * e.status();  // 400
 * e.json();    // {"code":1,"message":"Session ID unknown"}
 * }</pre>
 */
public enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown", 400),
    UNKNOWN_SID(1, "Session ID unknown", 400),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),
    BAD_REQUEST(3, "Bad request", 400),
    FORBIDDEN(4, "Forbidden", 403),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400);

    private final int code;
    private final String message;
    private final int status;

    EngineError(int code, String message, int status) {
        this.code = code;
        this.message = message;
        this.status = status;
    }

    /**
     * The numeric code of the protocol.
     * <pre>{@code EngineError.FORBIDDEN.code() // 4}</pre>
     *
     * @return the code
     */
    public int code() {
        return code;
    }

    /**
     * The standard message.
     * <pre>{@code EngineError.BAD_REQUEST.message() // "Bad request"}</pre>
     *
     * @return the message
     */
    public String message() {
        return message;
    }

    /**
     * The HTTP status (403 for FORBIDDEN, 400 otherwise).
     * <pre>{@code EngineError.FORBIDDEN.status() // 403}</pre>
     *
     * @return the status
     */
    public int status() {
        return status;
    }

    /**
     * The JSON body with the standard message.
     * <pre>{@code EngineError.UNKNOWN_TRANSPORT.json() // {"code":0,"message":"Transport unknown"}}</pre>
     *
     * @return the JSON text
     */
    public String json() {
        return json(message);
    }

    /**
     * The JSON body with a custom message (e.g. the one an {@code allowRequest} hook gave).
     * <pre>{@code EngineError.FORBIDDEN.json("not today") // {"code":4,"message":"not today"}}</pre>
     *
     * @param customMessage the message
     * @return the JSON text
     */
    public String json(String customMessage) {
        return "{\"code\":" + code + ",\"message\":" + Json.quote(customMessage) + "}";
    }

    /**
     * The JSON body as UTF-8 bytes.
     * <pre>{@code byte[] body = EngineError.UNKNOWN_SID.jsonBytes();}</pre>
     *
     * @param customMessage the message, or {@code null} for the standard one
     * @return the bytes
     */
    public byte[] jsonBytes(String customMessage) {
        return json(customMessage == null ? message : customMessage).getBytes(StandardCharsets.UTF_8);
    }
}
