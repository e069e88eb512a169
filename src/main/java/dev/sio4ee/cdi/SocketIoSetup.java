package dev.sio4ee.cdi;

import dev.sio4ee.server.SocketIoOptions;
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

    /**
     * Adjusts the server's options before it is created (for example to turn connection-state recovery on).
     * Called once per setup bean, in turn, before any {@link #configure}; by default the options pass unchanged.
     * <pre>{@code
     * public SocketIoOptions options(SocketIoOptions options) {
     *     return options.withConnectionStateRecovery(ConnectionStateRecovery.defaults());
     * }
     * }</pre>
     *
     * @param options the options so far (the defaults, as changed by the setups before this one)
     * @return the options to use
     */
    default SocketIoOptions options(SocketIoOptions options) {
        return options;
    }
}
