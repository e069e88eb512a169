package dev.sio4ee.it.app;

import dev.sio4ee.cdi.SocketIoSetup;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test application for the slow-clients IT: remembers why each socket disconnected, so the test can see a client
 * that stopped reading closed with "transport error".
 */
@ApplicationScoped
public class SlowClientsSetup implements SocketIoSetup {
    private final Map<String, String> reasons = new ConcurrentHashMap<>();

    @Override
    public void configure(SocketIoServer io) {
        io.onConnection(socket -> socket.onDisconnect((reason, description) ->
                reasons.put(socket.id(), reason.text())));
    }

    /** Socket id to its disconnect reason, for the sockets that disconnected. */
    Map<String, String> reasons() {
        return reasons;
    }
}
