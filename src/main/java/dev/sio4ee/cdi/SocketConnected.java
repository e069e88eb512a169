package dev.sio4ee.cdi;

import dev.sio4ee.server.Socket;

/**
 * CDI event: a socket joined a namespace (socket.io's {@code connection}). Fired with the qualifier
 * {@link NamespaceName} of the socket's namespace, on the thread that completed the handshake, before any event of
 * the socket is delivered.
 *
 * <pre>{@code
 * void joined(@Observes @NamespaceName("/chat") SocketConnected e) {
 *     e.socket().join("lobby");
 * }
 * }</pre>
 *
 * @param socket the connected socket (live: it can emit, join, disconnect)
 */
public record SocketConnected(Socket socket) {
}
