package dev.sio4ee.it.app;

import dev.sio4ee.cdi.SocketIoSetup;
import dev.sio4ee.engine.CloseReason;
import dev.sio4ee.server.ConnectionStateRecovery;
import dev.sio4ee.server.Socket;
import dev.sio4ee.server.SocketIoOptions;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test application for the recovery ITs: connection-state recovery on; a client may ask the server to drop its
 * transport (as a network cut would: the engine session ends with "transport error") and to stream numbered
 * messages, alternately to the socket itself and to its room, while dropping the transport mid-stream.
 */
@ApplicationScoped
public class RecoverySetup implements SocketIoSetup {
    static final String ROOM = "numbers";
    private static final int MAX_COUNT = 1_000;

    @Override
    public SocketIoOptions options(SocketIoOptions options) {
        return options.withConnectionStateRecovery(ConnectionStateRecovery.defaults());
    }

    @Override
    public void configure(SocketIoServer io) {
        io.onConnection(socket -> {
            if (!socket.recovered()) {
                socket.join(ROOM);
                socket.data().put("user", socket.handshake().auth().getString("user", "nobody"));
            }
            socket.on("echo", (args, ack) -> ack.send(args));
            socket.on("drop", (args, ack) -> drop(socket));
            socket.on("state", (args, ack) -> ack.send(state(socket)));
            socket.on("stream", (args, ack) -> {
                int count = Math.min(args.number(0).intValue(), MAX_COUNT);
                int dropAt = args.number(1).intValue();
                long pause = Math.min(args.number(2).longValue(), 100);
                Thread t = new Thread(() -> stream(io, socket, count, dropAt, pause), "recovery-stream");
                t.setDaemon(true);
                t.start();
                ack.send("streaming");
            });
        });
    }

    /** Ends the engine session from the server side without a Socket.IO DISCONNECT, as a broken network would. */
    private static void drop(Socket socket) {
        socket.client().conn().close(CloseReason.TRANSPORT_ERROR, "transport dropped by the test");
    }

    /** Emits 1..count, odd numbers to the socket, even ones to its room, dropping the transport at dropAt. */
    private static void stream(SocketIoServer io, Socket socket, int count, int dropAt, long pause) {
        for (int i = 1; i <= count; i++) {
            if (i % 2 == 1) {
                socket.emit("n", i);
            } else {
                io.to(ROOM).emit("n", i);
            }
            if (i == dropAt) {
                drop(socket);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static Map<String, Object> state(Socket socket) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("id", socket.id());
        state.put("recovered", socket.recovered());
        state.put("rooms", List.copyOf(socket.rooms()));
        synchronized (socket.data()) {
            state.put("data", new LinkedHashMap<>(socket.data()));
        }
        return state;
    }
}
