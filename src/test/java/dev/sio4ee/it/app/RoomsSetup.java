package dev.sio4ee.it.app;

import dev.sio4ee.cdi.SocketIoSetup;
import dev.sio4ee.server.RemoteSocket;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test application for {@code SocketIoFeaturesIT}: sockets join the rooms named in their auth payload; one client
 * triggers broadcasts to rooms, unions and exclusions, then the fetch/join/disconnect utilities; volatile bursts;
 * catch-all listeners.
 */
@ApplicationScoped
public class RoomsSetup implements SocketIoSetup {

    @Override
    public void configure(SocketIoServer io) {
        io.onConnection(socket -> {
            List<String> seen = new ArrayList<>();
            int[] outgoing = {0};
            socket.onAny((event, args) -> seen.add(event));
            socket.onAnyOutgoing((event, args) -> outgoing[0]++);
            if (socket.handshake().auth().get("rooms") != null) {
                for (var room : socket.handshake().auth().getJsonArray("rooms")) {
                    socket.join(((JsonString) room).getString());
                }
            }
            socket.on("fanout", (args, ack) -> {
                for (int k = 0; k < 10; k++) {
                    io.to("r" + k).emit("room-msg", "r" + k);
                }
                io.except("r0").emit("not-r0");
                io.to("r1").to("r2").emit("r1-or-r2");
                io.to("even").except("r4").emit("even-not-r4");
                io.local().emit("local-all");
                socket.broadcast().emit("broadcast-others");
                io.emit("fanout-done");
                ack.send("sent");
            });
            socket.on("utilities", (args, ack) -> io.in("r5").fetchSockets().thenAccept(sockets -> {
                io.in("r6").socketsJoin("joined-r6");
                io.to("joined-r6").emit("via-sockets-join");
                io.in("r7").socketsLeave("odd");
                io.to("odd").emit("odd-after-leave");
                io.emit("utilities-done");
                // one argument: the list of ids (send(List) would make each id an argument)
                ack.send(sockets.stream().map(RemoteSocket::id).sorted().toList()); // one array argument
            }));
            socket.on("kick-r9", (args, ack) -> {
                io.in("r9").disconnectSockets(false);
                ack.send("kicked");
            });
            socket.on("volatile-burst", (args, ack) -> {
                int n = args.number(0).intValue();
                for (int i = 0; i < n; i++) {
                    socket.asVolatile().emit("v", i);
                }
                socket.emit("v-done", n);
            });
            socket.on("address", (args, ack) -> ack.send(socket.handshake().address()));
            socket.on("seen", (args, ack) -> ack.send(Map.of("incoming", List.copyOf(seen), "outgoing", outgoing[0])));
            // the handshake as this socket saw it: concurrent WebSocket handshakes must never swap headers
            socket.emit("ready", socket.id(), socket.handshake().header("x-client"));
        });
    }
}
