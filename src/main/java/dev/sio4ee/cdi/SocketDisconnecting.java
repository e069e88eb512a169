package dev.sio4ee.cdi;

import dev.sio4ee.server.DisconnectReason;
import dev.sio4ee.server.Socket;

/**
 * CDI event: a socket is leaving its namespace (socket.io's {@code disconnecting}); its rooms are still
 * readable. Fired with the qualifier {@link NamespaceName}.
 *
 * <pre>{@code
 * void leaving(@Observes SocketDisconnecting e) {
 *     for (String room : e.socket().rooms()) e.socket().to(room).emit("user left", e.socket().id());
 * }
 * }</pre>
 *
 * @param socket      the socket, still in its rooms
 * @param reason      why it disconnects
 * @param description details of the reason, or null
 */
public record SocketDisconnecting(Socket socket, DisconnectReason reason, String description) {
}
