package dev.sio4ee.cdi;

import dev.sio4ee.server.DisconnectReason;
import dev.sio4ee.server.Socket;

/**
 * CDI event: a socket left its namespace (socket.io's {@code disconnect}); it is in no room any more. Fired with
 * the qualifier {@link NamespaceName}; the last event of a socket.
 *
 * <pre>{@code
 * void left(@Observes @NamespaceName("/chat") SocketDisconnected e) {
 *     log.info(e.socket().id() + " left: " + e.reason().text());
 * }
 * }</pre>
 *
 * @param socket      the disconnected socket
 * @param reason      why it disconnected
 * @param description details of the reason, or null
 */
public record SocketDisconnected(Socket socket, DisconnectReason reason, String description) {
}
