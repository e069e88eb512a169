package dev.sio4ee.demo;

import dev.sio4ee.cdi.SocketIoSetup;
import dev.sio4ee.server.ConnectionStateRecovery;
import dev.sio4ee.server.SocketIoOptions;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns on connection state recovery for the demo: a browser that loses its connection for up to two minutes
 * comes back with the same socket id, rooms and nickname, and the server replays the messages it missed (the
 * page shows "session recovered").
 *
 * <pre>{@code
 * public SocketIoOptions options(SocketIoOptions options) {
 *     return options.withConnectionStateRecovery(ConnectionStateRecovery.defaults());
 * }
 * }</pre>
 */
@ApplicationScoped
public class ChatRecovery implements SocketIoSetup {

    @Override
    public SocketIoOptions options(SocketIoOptions options) {
        return options.withConnectionStateRecovery(ConnectionStateRecovery.defaults());
    }

    @Override
    public void configure(SocketIoServer io) {
        // nothing else: the chat itself lives in the CDI observers of ChatObserver
    }
}
