package dev.sio4ee.engine;

/**
 * Why an Engine.IO session closed, with the strings the Node.js server uses.
 *
 * <pre>{@code
 * session.listener(new EngineSessionListener() {
 *     public void onClose(EngineSession s, CloseReason reason, String description) {
 *         log(reason.text()); // "ping timeout"
 *     }
 * });
 * }</pre>
 */
public enum CloseReason {
    /** The client did not answer a ping within pingTimeout. */
    PING_TIMEOUT("ping timeout"),
    /** The client closed the connection or sent a close packet. */
    TRANSPORT_CLOSE("transport close"),
    /** The connection failed (network error, overlapping polls, protocol misuse). */
    TRANSPORT_ERROR("transport error"),
    /** The client sent bytes that are no Engine.IO packet. */
    PARSE_ERROR("parse error"),
    /** The server closed the session. */
    FORCED_CLOSE("forced close"),
    /** The server is shutting down. */
    SERVER_SHUTTING_DOWN("server shutting down");

    private final String text;

    CloseReason(String text) {
        this.text = text;
    }

    /**
     * The reason as socket.io names it.
     * <pre>{@code CloseReason.PARSE_ERROR.text() // "parse error"}</pre>
     *
     * @return the text
     */
    public String text() {
        return text;
    }
}
