package dev.sio4ee.it.app;

import dev.sio4ee.cdi.SocketIoSetup;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/**
 * The benchmark application (bench/): the same four handlers as bench/node-server.mjs, with the plain server API.
 * <ul>
 * <li>{@code echo}: the ack answers with the same arguments</li>
 * <li>{@code broadcast}: emits its arguments to every connected client</li>
 * <li>{@code join}: joins the room named by the first argument, acks "joined &lt;room&gt;"</li>
 * <li>{@code room}: emits the other arguments to the room named by the first</li>
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
        });
    }
}
