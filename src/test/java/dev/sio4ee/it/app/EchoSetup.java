package dev.sio4ee.it.app;

import dev.sio4ee.cdi.SocketIoSetup;
import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Test application for the Socket.IO ITs: echo with ack, rooms, broadcast, a guarded namespace. */
@ApplicationScoped
public class EchoSetup implements SocketIoSetup {

    @Override
    public void configure(SocketIoServer io) {
        io.onConnection(socket -> {
            socket.emit("welcome", socket.id());
            socket.on("echo", (args, ack) -> ack.send(args));
            socket.on("echo-event", (args, ack) -> socket.emit("echo-event", args)); // as received
            socket.on("join", (args, ack) -> {
                socket.join(args.string(0));
                ack.send("joined " + args.string(0));
            });
            socket.on("to-room", (args, ack) -> io.to(args.string(0)).emit("room message", args.string(1)));
            socket.on("ask-me", (args, ack) -> socket.timeout(5_000).emitWithAck("question", "2+2?")
                    .thenAccept(answer -> socket.emit("answer was", answer.get(0))));
        });
        io.of("/guarded").use((socket, next) -> {
            if ("let-me-in".equals(socket.handshake().auth().getString("token", null))) {
                next.proceed();
            } else {
                next.fail(new ConnectError("not authorized", Map.of("code", 401)));
            }
        }).onConnection(socket -> socket.emit("welcome", "guarded"));
    }
}
