package dev.sio4ee.server;

import dev.sio4ee.adapter.BroadcastOptions;
import dev.sio4ee.adapter.SocketDetails;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A socket returned by {@code fetchSockets()}, connected to this server or to another one of the cluster
 * (socket.io's {@code RemoteSocket}): a snapshot of its id, handshake, rooms and data, and the operations that
 * work across servers, routed through the adapter.
 *
 * <pre>{@code
 * io.in("room1").fetchSockets().thenAccept(sockets -> sockets.forEach(s -> {
 *     s.emit("hello");
 *     s.join("room2");
 *     if (s.data().get("banned") != null) s.disconnect(true);
 * }));
 * }</pre>
 */
public final class RemoteSocket {
    private final Namespace nsp;
    private final SocketDetails details;

    RemoteSocket(Namespace nsp, SocketDetails details) {
        this.nsp = nsp;
        this.details = details;
    }

    /**
     * The socket id.
     * <pre>{@code s.id()}</pre>
     *
     * @return the id
     */
    public String id() {
        return details.id();
    }

    /**
     * The handshake.
     * <pre>{@code s.handshake().auth()}</pre>
     *
     * @return the handshake
     */
    public Handshake handshake() {
        return Handshake.fromJson(details.handshake());
    }

    /**
     * The rooms, when fetched.
     * <pre>{@code s.rooms().contains("room1")}</pre>
     *
     * @return the rooms
     */
    public Set<String> rooms() {
        return details.rooms();
    }

    /**
     * A copy of the socket's data, when fetched.
     * <pre>{@code s.data().get("user")}</pre>
     *
     * @return the data
     */
    public Map<String, Object> data() {
        return details.data();
    }

    /**
     * The raw snapshot.
     * <pre>{@code s.details().handshake() // Node's JSON}</pre>
     *
     * @return the details
     */
    public SocketDetails details() {
        return details;
    }

    private BroadcastOptions self() {
        return BroadcastOptions.rooms(details.id());
    }

    /**
     * Emits to this socket, wherever it is connected.
     * <pre>{@code s.emit("hello", "world");}</pre>
     *
     * @param event the event name
     * @param args  the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
     */
    public void emit(String event, Object... args) {
        new BroadcastOperator(nsp).to(details.id()).emit(event, args);
    }

    /**
     * An operator addressed to this socket with an acknowledgement timeout, for {@code emitWithAck} (Node's
     * {@code remoteSocket.timeout(ms).emitWithAck(...)}); the socket may live on another server of the cluster.
     * <pre>{@code
     * for (RemoteSocket s : io.fetchSockets().toCompletableFuture().join()) {
     *     s.timeout(5_000).emitWithAck("ping").thenAccept(answers -> log(answers.get(0)));
     * }
     * }</pre>
     *
     * @param millis how long to wait for the answer
     * @return the operator
     */
    public BroadcastOperator timeout(long millis) {
        return new BroadcastOperator(nsp).to(details.id()).timeout(millis);
    }

    /**
     * Makes the socket join rooms.
     * <pre>{@code s.join("room1");}</pre>
     *
     * @param rooms the rooms
     */
    public void join(String... rooms) {
        nsp.adapter().addSockets(self(), new LinkedHashSet<>(Arrays.asList(rooms)));
    }

    /**
     * Makes the socket leave rooms.
     * <pre>{@code s.leave("room1");}</pre>
     *
     * @param rooms the rooms
     */
    public void leave(String... rooms) {
        nsp.adapter().delSockets(self(), new LinkedHashSet<>(Arrays.asList(rooms)));
    }

    /**
     * Disconnects the socket.
     * <pre>{@code s.disconnect(true);}</pre>
     *
     * @param close whether to close the underlying connection
     */
    public void disconnect(boolean close) {
        nsp.adapter().disconnectSockets(self(), close);
    }

    @Override
    public String toString() {
        return "RemoteSocket[" + nsp.name() + " " + details.id() + "]";
    }
}
