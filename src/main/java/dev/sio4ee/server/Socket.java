package dev.sio4ee.server;

import dev.sio4ee.adapter.Adapter;
import dev.sio4ee.adapter.BroadcastFlags;
import dev.sio4ee.adapter.BroadcastOptions;
import dev.sio4ee.adapter.LocalSocket;
import dev.sio4ee.adapter.Session;
import dev.sio4ee.engine.SessionIds;
import dev.sio4ee.protocol.Packet;
import dev.sio4ee.protocol.PacketType;
import jakarta.json.JsonObject;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client in one namespace (socket.io's server-side {@code Socket}): receives the client's events, emits to
 * it, joins rooms, and starts broadcasts that exclude itself. Thread-safe.
 *
 * <pre>{@code
 * io.onConnection(socket -> {
 *     socket.join("lobby");
 *     socket.on("chat message", (args, ack) -> socket.to("lobby").emit("chat message", args.string(0)));
 *     socket.emit("welcome", socket.id());
 *     socket.onDisconnect((reason, description) -> log(reason.text()));
 * });
 * }</pre>
 */
public final class Socket {
    private static final System.Logger LOG = System.getLogger(Socket.class.getName());
    /** The event names a client may not send and the server may not emit. */
    static final Set<String> RESERVED_EVENTS = Set.of("connect", "connect_error", "disconnect", "disconnecting",
            "newListener", "removeListener");
    /** The reasons after which a session is kept for connection-state recovery (as Node's). */
    static final Set<DisconnectReason> RECOVERABLE_REASONS = Set.of(DisconnectReason.TRANSPORT_ERROR,
            DisconnectReason.TRANSPORT_CLOSE, DisconnectReason.FORCED_CLOSE, DisconnectReason.PING_TIMEOUT,
            DisconnectReason.SERVER_SHUTTING_DOWN, DisconnectReason.FORCED_SERVER_CLOSE);

    private final String id;
    private final String pid;
    private final boolean recovered;
    private final Namespace nsp;
    private final Client client;
    private final Handshake handshake;
    private final Adapter adapter;
    private final AckRegistry acks;
    private final Map<String, Object> data = Collections.synchronizedMap(new LinkedHashMap<>());
    private final IncomingEvents incoming = new IncomingEvents(this);
    private final List<AnyListener> anyOutgoingListeners = new CopyOnWriteArrayList<>();
    private final List<DisconnectListener> disconnectingListeners = new CopyOnWriteArrayList<>();
    private final List<DisconnectListener> disconnectListeners = new CopyOnWriteArrayList<>();
    private final RecoveryHold hold;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final LocalSocket local = new LocalView(this);
    private volatile boolean connected;

    Socket(Namespace nsp, Client client, JsonObject auth, Session previous) {
        this.nsp = nsp;
        this.client = client;
        this.adapter = nsp.adapter();
        this.acks = new AckRegistry(nsp.server().scheduler(), task -> client.session().dispatch(task));
        this.handshake = Handshake.of(client.session().request(), auth, System.currentTimeMillis());
        if (previous != null) {
            this.id = previous.sid();
            this.pid = previous.pid();
            this.recovered = true;
            this.data.putAll(previous.data());
            this.hold = new RecoveryHold(previous.missedPackets());
        } else {
            this.id = SessionIds.generate();
            this.pid = nsp.server().options().recoveryEnabled() ? SessionIds.generate() : null;
            this.recovered = false;
            this.hold = null;
        }
    }

    /**
     * The socket id: 20 random characters, distinct from the Engine.IO session id.
     * <pre>{@code io.to(socket.id()).emit("private", "hi");}</pre>
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * Whether this socket was recovered after a temporary disconnection (connection-state recovery): it has the
     * id, rooms and {@code data} of the socket that dropped, and the client received the events it missed.
     * <pre>{@code io.onConnection(s -> { if (!s.recovered()) s.join("lobby"); });}</pre>
     *
     * @return true if recovered, false for a new session
     */
    public boolean recovered() {
        return recovered;
    }

    /**
     * The namespace.
     * <pre>{@code socket.nsp().name() // "/chat"}</pre>
     *
     * @return the namespace
     */
    public Namespace nsp() {
        return nsp;
    }

    /**
     * The connection (shared by the sockets of one client in several namespaces).
     * <pre>{@code socket.client().transport() // "websocket"}</pre>
     *
     * @return the client
     */
    public Client client() {
        return client;
    }

    /**
     * The connection details.
     * <pre>{@code socket.handshake().auth()}</pre>
     *
     * @return the handshake
     */
    public Handshake handshake() {
        return handshake;
    }

    /**
     * Free-form data attached to the socket (socket.io's {@code socket.data}), visible to {@code fetchSockets()}.
     * Thread-safe; use JSON-convertible values if a cluster must see them.
     * <pre>{@code socket.data().put("user", "alice");}</pre>
     *
     * @return the mutable map
     */
    public Map<String, Object> data() {
        return data;
    }

    /**
     * Whether the socket is connected to its namespace.
     * <pre>{@code if (socket.connected()) socket.emit("tick");}</pre>
     *
     * @return true until the disconnection completes
     */
    public boolean connected() {
        return connected;
    }

    /**
     * The rooms the socket is in, its own id included.
     * <pre>{@code socket.rooms() // [id, "lobby"]}</pre>
     *
     * @return a snapshot
     */
    public Set<String> rooms() {
        return adapter.socketRooms(id);
    }

    /**
     * Joins rooms.
     * <pre>{@code socket.join("room1", "room2");}</pre>
     *
     * @param rooms the rooms
     * @return this socket
     */
    public Socket join(String... rooms) {
        return join(Arrays.asList(rooms));
    }

    /**
     * Joins rooms.
     * <pre>{@code socket.join(List.of("room1", "room2"));}</pre>
     *
     * @param rooms the rooms
     * @return this socket
     */
    public Socket join(Collection<String> rooms) {
        adapter.addAll(id, new LinkedHashSet<>(rooms));
        return this;
    }

    /**
     * Leaves a room.
     * <pre>{@code socket.leave("room1");}</pre>
     *
     * @param room the room
     * @return this socket
     */
    public Socket leave(String room) {
        adapter.del(id, room);
        return this;
    }

    /**
     * Emits an event to this client. {@code byte[]} arguments, at any depth, are sent as binary attachments.
     * <pre>{@code socket.emit("hello", "world", Map.of("n", 1), new byte[] {1, 2});}</pre>
     *
     * @param event the event name (not a reserved one such as {@code disconnect})
     * @param args  the arguments, each value one argument: JSON values, strings, numbers, booleans, null, maps,
     *              lists and arrays (one JSON array each), byte[]; an {@link Args} alone is sent as received
     * @throws IllegalArgumentException for a reserved name or an argument that cannot become JSON
     */
    public void emit(String event, Object... args) {
        new Emitter(this, BroadcastFlags.NONE).emit(event, args);
    }

    /**
     * Emits an event and waits for the client's acknowledgement, without time limit (see {@link #timeout(long)}).
     * <pre>{@code socket.emitWithAck("ping").thenAccept(answer -> log(answer.string(0)));}</pre>
     *
     * @param event the event name
     * @param args  the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
     * @return the client's answer; fails if the socket disconnects first
     */
    public CompletionStage<Args> emitWithAck(String event, Object... args) {
        return new Emitter(this, BroadcastFlags.NONE).emitWithAck(event, args);
    }

    /**
     * Sends a {@code message} event.
     * <pre>{@code socket.send("hello"); // same as socket.emit("message", "hello")}</pre>
     *
     * @param args the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
     */
    public void send(Object... args) {
        emit("message", args);
    }

    /**
     * An emitter whose acknowledgements time out.
     * <pre>{@code socket.timeout(5_000).emitWithAck("ping").exceptionally(e -> null);}</pre>
     *
     * @param millis the timeout
     * @return the emitter
     */
    public Emitter timeout(long millis) {
        return new Emitter(this, BroadcastFlags.NONE).timeout(millis);
    }

    /**
     * An emitter whose packets are dropped when the connection cannot take them now (socket.io's
     * {@code socket.volatile}).
     * <pre>{@code socket.asVolatile().emit("position", x, y);}</pre>
     *
     * @return the emitter
     */
    public Emitter asVolatile() {
        return new Emitter(this, BroadcastFlags.NONE.withVolatile(true));
    }

    /**
     * An emitter with the compress flag (socket.io's {@code socket.compress(false)}). The flag travels with the
     * packet to the adapter (a cluster adapter forwards it); sio4ee's transports send every packet uncompressed
     * whatever the flag: WebSocket compression (permessage-deflate) is negotiated per connection by the
     * container, and polling responses are not gzipped.
     * <pre>{@code socket.compress(false).emit("raw", bytes);}</pre>
     *
     * @param compress whether the packet may be compressed
     * @return the emitter
     */
    public Emitter compress(boolean compress) {
        return new Emitter(this, BroadcastFlags.NONE.withCompress(compress));
    }

    /**
     * Adds a packet middleware (socket.io's {@code socket.use(([event, ...args], next) => ...)}): it runs for every
     * event received from the client, after the {@code onAny} listeners and before the server listeners and the
     * handlers; it may rewrite the event. An error passed to {@link PacketMiddleware.Next#fail} stops the event
     * (no handler sees it) and goes to the {@link #onError} listeners.
     * <pre>{@code
     * socket.use((event, next) -> {
     *     if (event.name().startsWith("admin:")) next.fail(new IllegalStateException("unauthorized event"));
     *     else next.proceed();
     * });
     * socket.onError(err -> socket.disconnect());
     * }</pre>
     *
     * @param middleware the middleware
     * @return this socket
     */
    public Socket use(PacketMiddleware middleware) {
        incoming.use(middleware);
        return this;
    }

    /**
     * Hears the errors of this socket (socket.io's server-side {@code socket.on("error", ...)}): the errors that
     * packet middlewares pass on. An event named {@code "error"} sent by the client is an ordinary event for
     * {@link #on}, not one of these.
     * <pre>{@code socket.onError(err -> log(err.getMessage()));}</pre>
     *
     * @param listener the listener
     * @return this socket
     */
    public Socket onError(Consumer<Exception> listener) {
        incoming.onError(listener);
        return this;
    }

    /**
     * Handles an event from the client. Several handlers of one event run in registration order.
     * <pre>{@code socket.on("ping", (args, ack) -> ack.send("pong"));}</pre>
     *
     * @param event   the event name
     * @param handler the handler
     * @return this socket
     */
    public Socket on(String event, EventHandler handler) {
        incoming.on(event, handler);
        return this;
    }

    /**
     * Removes an event handler.
     * <pre>{@code socket.off("ping", handler);}</pre>
     *
     * @param event   the event name
     * @param handler the handler
     * @return this socket
     */
    public Socket off(String event, EventHandler handler) {
        incoming.off(event, handler);
        return this;
    }

    /**
     * Hears every incoming event, before the handlers of that event.
     * <pre>{@code socket.onAny((event, args) -> log(event));}</pre>
     *
     * @param listener the listener
     * @return this socket
     */
    public Socket onAny(AnyListener listener) {
        incoming.anyListeners().add(listener);
        return this;
    }

    /**
     * Stops hearing every incoming event.
     * <pre>{@code socket.offAny(listener);}</pre>
     *
     * @param listener the listener
     * @return this socket
     */
    public Socket offAny(AnyListener listener) {
        incoming.anyListeners().remove(listener);
        return this;
    }

    /**
     * Hears every outgoing event (emits and broadcasts reaching this socket).
     * <pre>{@code socket.onAnyOutgoing((event, args) -> log("sent " + event));}</pre>
     *
     * @param listener the listener
     * @return this socket
     */
    public Socket onAnyOutgoing(AnyListener listener) {
        anyOutgoingListeners.add(listener);
        return this;
    }

    /**
     * Stops hearing every outgoing event.
     * <pre>{@code socket.offAnyOutgoing(listener);}</pre>
     *
     * @param listener the listener
     * @return this socket
     */
    public Socket offAnyOutgoing(AnyListener listener) {
        anyOutgoingListeners.remove(listener);
        return this;
    }

    /**
     * Hears the start of the disconnection, while the socket is still in its rooms.
     * <pre>{@code socket.onDisconnecting((reason, d) -> log(socket.rooms()));}</pre>
     *
     * @param listener the listener
     * @return this socket
     */
    public Socket onDisconnecting(DisconnectListener listener) {
        disconnectingListeners.add(listener);
        return this;
    }

    /**
     * Hears the disconnection.
     * <pre>{@code socket.onDisconnect((reason, d) -> log(reason.text()));}</pre>
     *
     * @param listener the listener
     * @return this socket
     */
    public Socket onDisconnect(DisconnectListener listener) {
        disconnectListeners.add(listener);
        return this;
    }

    /**
     * A broadcast to every socket of the namespace but this one.
     * <pre>{@code socket.broadcast().emit("joined", socket.id());}</pre>
     *
     * @return the operator
     */
    public BroadcastOperator broadcast() {
        return new BroadcastOperator(nsp).except(id);
    }

    /**
     * A broadcast to the rooms, this socket excluded.
     * <pre>{@code socket.to("room1").emit("hello");}</pre>
     *
     * @param rooms the rooms
     * @return the operator
     */
    public BroadcastOperator to(String... rooms) {
        return broadcast().to(rooms);
    }

    /**
     * Same as {@link #to(String...)}.
     * <pre>{@code socket.in("room1").emit("hello");}</pre>
     *
     * @param rooms the rooms
     * @return the operator
     */
    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /**
     * A broadcast to every socket but this one and the members of the rooms.
     * <pre>{@code socket.except("room1").emit("hello");}</pre>
     *
     * @param rooms the excluded rooms
     * @return the operator
     */
    public BroadcastOperator except(String... rooms) {
        return broadcast().except(rooms);
    }

    /**
     * A broadcast to this server only, this socket excluded.
     * <pre>{@code socket.local().emit("hello");}</pre>
     *
     * @return the operator
     */
    public BroadcastOperator local() {
        return broadcast().local();
    }

    /**
     * Leaves the namespace: the client gets a DISCONNECT packet, the socket the reason
     * {@code server namespace disconnect}. With {@code close}, the whole connection is closed.
     * <pre>{@code socket.disconnect(true);}</pre>
     *
     * @param close whether to close the underlying connection
     * @return this socket
     */
    public Socket disconnect(boolean close) {
        if (!connected) {
            return this;
        }
        if (close) {
            client.disconnectAll();
        } else {
            packet(Packet.disconnect(nsp.name()), false);
            onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT, null);
        }
        return this;
    }

    /**
     * Leaves the namespace, keeping the connection.
     * <pre>{@code socket.disconnect();}</pre>
     *
     * @return this socket
     */
    public Socket disconnect() {
        return disconnect(false);
    }

    @Override
    public String toString() {
        return "Socket[" + nsp.name() + " " + id + "]";
    }

    // ---- internals ----

    LocalSocket localView() {
        return local;
    }

    Adapter adapter() {
        return adapter;
    }

    AckRegistry acks() {
        return acks;
    }

    /** Encodes and writes a packet to this client. */
    void packet(Packet packet, boolean isVolatile) {
        client.write(nsp.server().encoder().encode(packet), isVolatile);
    }

    /**
     * Writes a packet that went through the adapter. A recovered socket holds such packets until its CONNECT
     * reply and missed packets are written, so the client gets everything once and in order.
     */
    void deliver(Packet packet, List<Object> frames, boolean isVolatile) {
        if (hold != null && hold.keep(packet, frames, isVolatile)) {
            return;
        }
        notifyOutgoing(packet);
        client.write(frames, isVolatile);
    }

    /**
     * Tells the {@code onAnyOutgoing} listeners, on this socket's dispatcher: never on the thread of the emitter
     * (another socket's, maybe) nor under the adapter's or the recovery hold's lock, which the caller may hold.
     */
    void notifyOutgoing(Packet packet) {
        if (anyOutgoingListeners.isEmpty() || packet.type() != PacketType.EVENT) {
            return;
        }
        String event = Args.eventName(packet);
        Args args = Args.ofEvent(packet);
        client.session().dispatch(() -> {
            for (AnyListener l : anyOutgoingListeners) {
                Listeners.run(() -> l.onEvent(event, args), "onAnyOutgoing listener");
            }
        });
    }

    /**
     * Accepted by the namespace: joins its own room and answers the CONNECT ({@code {sid}}, plus {@code pid}
     * with recovery). A recovered socket first writes the packets its client missed (as Node does, before the
     * CONNECT), then the packets held meanwhile.
     */
    void onConnect() {
        connected = true;
        join(id);
        var reply = Jsons.object().add("sid", id);
        if (pid != null) {
            reply.add("pid", pid);
        }
        Packet connect = Packet.connect(nsp.name(), reply.build());
        if (hold == null) {
            packet(connect, false);
            return;
        }
        hold.release(missed -> packet(new Packet(missed.type(), nsp.name(), null, missed.data(),
                        missed.attachments()), false),
                () -> packet(connect, false),
                (p, frames) -> {
                    notifyOutgoing(p);
                    client.write(frames, false);
                });
    }

    /** A packet for this namespace arrived from the client. */
    void onPacket(Packet packet) {
        if (!connected) {
            return;
        }
        switch (packet.type()) {
            case EVENT -> incoming.receive(packet);
            case ACK -> acks.complete(packet);
            case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT, null);
            default -> LOG.log(System.Logger.Level.DEBUG, "ignored {0} on {1}", packet.type(), this);
        }
    }

    /**
     * Ends the socket: disconnecting listeners, rooms left, disconnect listeners. Idempotent. Runs on the
     * connection's dispatcher: at once when called there, else queued (a disconnection asked by another socket's
     * handler, a timer or the adapter).
     */
    void onClose(DisconnectReason reason, String description) {
        closeInOrder(reason, description);
    }

    /** {@link #onClose}, completing the stage once the listeners ran. */
    CompletableFuture<Void> closeInOrder(DisconnectReason reason, String description) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        client.serially(() -> {
            try {
                close(reason, description);
            } finally {
                done.complete(null);
            }
        });
        return done;
    }

    private void close(DisconnectReason reason, String description) {
        if (!connected || !closing.compareAndSet(false, true)) {
            return;
        }
        for (DisconnectListener l : disconnectingListeners) {
            Listeners.run(() -> l.onDisconnect(reason, description), "disconnecting listener");
        }
        nsp.server().listeners().forEach(l -> Listeners.run(() -> l.onDisconnecting(this, reason, description),
                "server listener"));
        if (pid != null && RECOVERABLE_REASONS.contains(reason)) {
            Map<String, Object> copy;
            synchronized (data) {
                copy = new LinkedHashMap<>(data);
            }
            adapter.persistSession(new Session(id, pid, rooms(), copy, List.of()));
        }
        cleanup();
        client.remove(this);
        connected = false;
        acks.cancelAll(new IllegalStateException("socket has been disconnected"));
        for (DisconnectListener l : disconnectListeners) {
            Listeners.run(() -> l.onDisconnect(reason, description), "disconnect listener");
        }
        nsp.server().listeners().forEach(l -> Listeners.run(() -> l.onDisconnected(this, reason, description),
                "server listener"));
    }

    /** Leaves every room and the namespace. */
    void cleanup() {
        if (hold != null) {
            hold.drop();
        }
        adapter.delAll(id);
        nsp.remove(this);
    }

    /** With recovery, an emit to this socket goes through the adapter, so it gets an offset and is logged. */
    void emitThroughAdapter(Packet packet, BroadcastFlags flags) {
        nsp.broadcast(packet, new BroadcastOptions(Set.of(id), Set.of(), flags));
    }

    /** Refuses the connection: CONNECT_ERROR {message, data}. */
    void connectError(ConnectError error) {
        var body = Jsons.object().add("message", String.valueOf(error.message()));
        if (error.data() != null) {
            body.add("data", dev.sio4ee.protocol.Binary.deconstruct(error.data()).data());
        }
        packet(new Packet(PacketType.CONNECT_ERROR, nsp.name(), body.build()), false);
    }

    /** Used by the emitters: the pending acknowledgement of an emit. */
    CompletableFuture<Args> expectAck(int ackId, Long timeout) {
        CompletableFuture<Args> future = new CompletableFuture<>();
        acks.register(ackId, timeout, ack -> future.complete(Args.ofAck(ack)), future::completeExceptionally);
        return future;
    }
}
