package dev.sio4ee.server;

/**
 * Hears the end of a socket: {@code disconnecting} (rooms still joined) or {@code disconnect}.
 *
 * <pre>{@code
 * socket.onDisconnecting((reason, description) -> socket.rooms().forEach(r -> io.to(r).emit("left", socket.id())));
 * socket.onDisconnect((reason, description) -> log(reason.text()));
 * }</pre>
 */
@FunctionalInterface
public interface DisconnectListener {

    /**
     * The socket is disconnecting or disconnected.
     * <pre>{@code (reason, description) -> log(reason)}</pre>
     *
     * @param reason      why
     * @param description details from the transport, or {@code null}
     */
    void onDisconnect(DisconnectReason reason, String description);
}
