package dev.sio4ee.it.app;

import dev.sio4ee.cdi.SocketIoSetup;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/**
 * The benchmark application (bench/): the same handlers as bench/node-server.mjs, with the plain server API.
 * <ul>
 * <li>{@code echo}: the ack answers with the same arguments</li>
 * <li>{@code broadcast}: emits its arguments to every connected client</li>
 * <li>{@code join}: joins the room named by the first argument, acks "joined &lt;room&gt;"</li>
 * <li>{@code room}: emits the other arguments to the room named by the first</li>
 * <li>{@code leave}: leaves the room named by the first argument, acks "left &lt;room&gt;"</li>
 * <li>{@code chat}: emits the other arguments as {@code chat} to the room named by the first (the sender too, when
 * it is in that room), then acks with those arguments (bench/soak.mjs)</li>
 * </ul>
 */
@ApplicationScoped
public class BenchSetup implements SocketIoSetup {

    @Override
    public void configure(SocketIoServer io) {
        io.onConnection(socket -> {
            socket.on("echo", (args, ack) -> ack.send(args));
            socket.on("broadcast", (args, ack) -> io.emit("broadcast", args.toArray()));
            socket.on("join", (args, ack) -> {
                socket.join(args.string(0));
                ack.send("joined " + args.string(0));
            });
            socket.on("room", (args, ack) -> {
                Object[] rest = args.toArray();
                io.to(args.string(0)).emit("room", Arrays.copyOfRange(rest, 1, rest.length));
            });
            socket.on("leave", (args, ack) -> {
                socket.leave(args.string(0));
                ack.send("left " + args.string(0));
            });
            socket.on("chat", (args, ack) -> {
                Object[] rest = args.toArray();
                Object[] message = Arrays.copyOfRange(rest, 1, rest.length);
                io.to(args.string(0)).emit("chat", message);
                ack.send(message);
            });
        });
    }
}
