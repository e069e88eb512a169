package dev.sio4ee.it.app.startup;

import dev.sio4ee.cdi.SocketIoSetup;
import dev.sio4ee.server.SocketIoOptions;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Test application: a setup bean that injects the server it configures, and sets Engine.IO options in Java (the
 * WAR's context-param dev.sio4ee.PING_TIMEOUT overrides one of them).
 */
@ApplicationScoped
public class InjectingSetup implements SocketIoSetup {
    /** The path set in Java. */
    public static final String PATH = "/rt/";

    @Inject
    SocketIoServer io;

    @Override
    public SocketIoOptions options(SocketIoOptions options) {
        return options.withConnectTimeout(30_000).withEngine(engine -> engine.withPath(PATH)
                .withPingInterval(12_345).withPingTimeout(6_789).withMaxHttpBufferSize(54_321)
                .withTransports("polling").withCorsOrigins("https://app.example"));
    }

    @Override
    public void configure(SocketIoServer server) {
        // the injected server, not the parameter: both are the one server
        io.onConnection(socket -> {
            socket.emit("hello", "injected", server.options().engine().path());
            socket.on("relay", (args, ack) -> ack.send(args));
            socket.on("pair", (args, ack) -> ack.send(java.util.List.of(args.string(0), args.string(1))));
        });
    }
}
