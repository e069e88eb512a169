package dev.sio4ee.cdi;

import dev.sio4ee.server.SocketIoOptions;
import dev.sio4ee.server.SocketIoServer;

/**
 * A CDI bean implementing this interface configures the application's Socket.IO server when it starts: its options
 * (Socket.IO's and Engine.IO's: path, ping interval and timeout, CORS, largest message, transports, recovery,
 * adapter...) and then its namespaces, middlewares and connection handlers, with the plain Java API of
 * {@code dev.sio4ee.server}. The bean may inject {@code SocketIoServer} like any other bean.
 *
 * <h2>Which value wins</h2>
 * One rule: <b>a {@code dev.sio4ee.*} setting that is set wins over Java</b>. The options start from sio4ee's
 * defaults, each setup bean's {@link #options} changes them, and then every setting that is set (system property,
 * environment variable, MicroProfile Config or context-param, in that order) replaces the value it names. A value
 * chosen here is therefore the application's default, which the people who run it can still change without a
 * rebuild.
 *
 * <pre>{@code
 * import dev.sio4ee.cdi.SocketIoSetup;
 * import dev.sio4ee.server.ConnectionStateRecovery;
 * import dev.sio4ee.server.SocketIoOptions;
 * import dev.sio4ee.server.SocketIoServer;
 * import jakarta.enterprise.context.ApplicationScoped;
 * import jakarta.inject.Inject;
 *
 * @ApplicationScoped
 * public class Chat implements SocketIoSetup {
 *     @Inject SocketIoServer io; // usable in configure() and later
 *
 *     @Override
 *     public SocketIoOptions options(SocketIoOptions options) {
 *         return options.withConnectionStateRecovery(ConnectionStateRecovery.defaults())
 *                 .withEngine(engine -> engine.withPingInterval(10_000).withCorsOrigins("https://app.example.com"));
 *     }
 *
 *     @Override
 *     public void configure(SocketIoServer server) {
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
     * Called once, when the server starts, after every setup bean's {@link #options} and before any client can
     * connect.
     * <pre>{@code
     * public void configure(SocketIoServer io) {
     *     io.of("/chat").onConnection(s -> s.join("lobby"));
     * }
     * }</pre>
     *
     * @param io the server
     */
    void configure(SocketIoServer io);

    /**
     * Changes the server's options before it is created. Called once per setup bean, in turn, before any
     * {@link #configure}; by default the options pass unchanged. The server does not exist yet: an injected
     * {@code SocketIoServer} is for {@link #configure} and later. The settings that are set are applied after all
     * setup beans, and win (see the class doc).
     * <pre>{@code
     * public SocketIoOptions options(SocketIoOptions options) {
     *     return options.withConnectTimeout(10_000).withEngine(engine -> engine.withPath("/realtime/"));
     * }
     * }</pre>
     *
     * @param options sio4ee's defaults, as the setup beans before this one changed them
     * @return the options to use (not null)
     */
    default SocketIoOptions options(SocketIoOptions options) {
        return options;
    }
}
