package dev.sio4ee.cdi;

import dev.sio4ee.server.SocketIoServer;

/**
 * A CDI bean implementing this interface configures the application's Socket.IO server when it starts:
 * namespaces, middlewares, connection handlers, with the plain Java API of {@code dev.sio4ee.server}.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Chat implements SocketIoSetup {
 *     public void configure(SocketIoServer io) {
 *         io.onConnection(socket -> socket.on("chat message", (args, ack) -> {
 *             io.emit("chat message", args.string(0));
 *             ack.send("delivered");
 *         }));
 *     }
 * }
 * }</pre>
 */
public interface SocketIoSetup {

    /**
     * Called once, when the server starts, before any client can connect.
     * <pre>{@code public void configure(SocketIoServer io) { io.of("/chat").onConnection(s -> s.join("lobby")); }}</pre>
     *
     * @param io the server
     */
    void configure(SocketIoServer io);
}
