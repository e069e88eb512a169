package dev.sio4ee.server;

import dev.sio4ee.engine.CloseReason;

/**
 * Why a socket disconnected, with socket.io's exact strings.
 *
 * <pre>{@code
 * socket.onDisconnect((reason, description) -> log(reason.text())); // "client namespace disconnect"
 * }</pre>
 */
public enum DisconnectReason {
    /** The connection failed (network error, overlapping polls, payload too large). */
    TRANSPORT_ERROR("transport error"),
    /** The client closed the connection (page closed, {@code socket.disconnect()} of the last namespace). */
    TRANSPORT_CLOSE("transport close"),
    /** The engine closed the connection (server side, {@code EngineSession.close()}). */
    FORCED_CLOSE("forced close"),
    /** The client did not answer a ping in time. */
    PING_TIMEOUT("ping timeout"),
    /** The client sent something that is no valid packet. */
    PARSE_ERROR("parse error"),
    /** The server is shutting down ({@code SocketIoServer.close()}). */
    SERVER_SHUTTING_DOWN("server shutting down"),
    /** The Socket.IO layer closed the connection (connect timeout, packet in an invalid state). */
    FORCED_SERVER_CLOSE("forced server close"),
    /** The client left the namespace ({@code socket.disconnect()} on the client). */
    CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
    /** The server removed the socket from the namespace ({@code socket.disconnect()} on the server). */
    SERVER_NAMESPACE_DISCONNECT("server namespace disconnect");

    private final String text;

    DisconnectReason(String text) {
        this.text = text;
    }

    /**
     * The reason as socket.io writes it.
     * <pre>{@code DisconnectReason.PING_TIMEOUT.text() // "ping timeout"}</pre>
     *
     * @return the text
     */
    public String text() {
        return text;
    }

    /**
     * The reason for an Engine.IO close.
     * <pre>{@code DisconnectReason.of(CloseReason.TRANSPORT_CLOSE) // TRANSPORT_CLOSE}</pre>
     *
     * @param reason the engine's reason
     * @return the socket's reason
     */
    public static DisconnectReason of(CloseReason reason) {
        return switch (reason) {
            case PING_TIMEOUT -> PING_TIMEOUT;
            case TRANSPORT_CLOSE -> TRANSPORT_CLOSE;
            case TRANSPORT_ERROR -> TRANSPORT_ERROR;
            case PARSE_ERROR -> PARSE_ERROR;
            case FORCED_CLOSE -> FORCED_CLOSE;
            case SERVER_SHUTTING_DOWN -> SERVER_SHUTTING_DOWN;
        };
    }

    /**
     * The reason with the given text.
     * <pre>{@code DisconnectReason.fromText("forced close") // FORCED_CLOSE}</pre>
     *
     * @param text a socket.io reason
     * @return the reason
     * @throws IllegalArgumentException for an unknown text
     */
    public static DisconnectReason fromText(String text) {
        for (DisconnectReason r : values()) {
            if (r.text.equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown disconnect reason: " + text);
    }

    /**
     * The text, as socket.io prints it.
     * <pre>{@code String s = "" + DisconnectReason.TRANSPORT_CLOSE; // "transport close"}</pre>
     *
     * @return {@link #text()}
     */
    @Override
    public String toString() {
        return text;
    }
}
