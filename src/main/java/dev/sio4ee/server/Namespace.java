package dev.sio4ee.server;

import dev.sio4ee.adapter.Adapter;
import dev.sio4ee.adapter.AdapterHost;
import dev.sio4ee.adapter.LocalSocket;
import dev.sio4ee.protocol.Packet;
import jakarta.json.JsonObject;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A namespace (socket.io's {@code Namespace}): the sockets connected to one path such as {@code /chat}, its
 * middlewares, its connection handlers and its adapter (rooms). Broadcasting methods start a
 * {@link BroadcastOperator}. It is the {@link AdapterHost} of its adapter. Thread-safe.
 *
 * <pre>{@code
 * Namespace chat = io.of("/chat");
 * chat.use((socket, next) -> next.proceed());
 * chat.onConnection(socket -> socket.join("lobby"));
 * chat.to("lobby").emit("news", "hello");
 * }</pre>
 */
public class Namespace implements AdapterHost {
    /** How long {@link #serverSideEmitWithAck} waits for the other servers, as the cluster adapters' default. */
    public static final long SERVER_SIDE_EMIT_TIMEOUT = 5_000;

    private final SocketIoServer server;
    private final String name;
    private final Adapter adapter;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> connectionHandlers = new CopyOnWriteArrayList<>();
    private final Map<String, List<EventHandler>> serverSideHandlers = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final ParentNamespace parent;

    Namespace(SocketIoServer server, String name, Adapter.Factory adapterFactory, ParentNamespace parent) {
        this.server = server;
        this.name = name;
        this.parent = parent;
        this.adapter = adapterFactory.create(this);
    }

    /**
     * The name.
     * <pre>{@code io.of("chat").name() // "/chat"}</pre>
     *
     * @return the name, starting with {@code /}
     */
    @Override
    public String name() {
        return name;
    }

    /**
     * The server.
     * <pre>{@code nsp.server().of("/other")}</pre>
     *
     * @return the server
     */
    public SocketIoServer server() {
        return server;
    }

    /**
     * The adapter (rooms of this server, fan-out, cluster).
     * <pre>{@code nsp.adapter().rooms()}</pre>
     *
     * @return the adapter
     */
    public Adapter adapter() {
        return adapter;
    }

    /**
     * The sockets connected to this namespace on this server, by id.
     * <pre>{@code nsp.sockets().size()}</pre>
     *
     * @return an unmodifiable live view
     */
    public Map<String, Socket> sockets() {
        return Collections.unmodifiableMap(sockets);
    }

    /**
     * Adds a middleware, run for every new connection in registration order.
     * <pre>{@code nsp.use((socket, next) -> next.proceed());}</pre>
     *
     * @param middleware the middleware
     * @return this namespace
     */
    public Namespace use(Middleware middleware) {
        middlewares.add(middleware);
        return this;
    }

    /**
     * Handles each new socket (socket.io's {@code connection} event).
     * <pre>{@code nsp.onConnection(socket -> socket.emit("welcome"));}</pre>
     *
     * @param handler the handler
     * @return this namespace
     */
    public Namespace onConnection(Consumer<Socket> handler) {
        connectionHandlers.add(handler);
        return this;
    }

    /**
     * Handles an event sent by another server with {@link #serverSideEmit} (socket.io's {@code nsp.on(event)}).
     * <pre>{@code nsp.onServerSideEmit("ping", (args, ack) -> ack.send("pong"));}</pre>
     *
     * @param event   the event name
     * @param handler the handler
     * @return this namespace
     */
    public Namespace onServerSideEmit(String event, EventHandler handler) {
        serverSideHandlers.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(handler);
        return this;
    }

    /**
     * A broadcast to the rooms.
     * <pre>{@code nsp.to("room1").emit("hello");}</pre>
     *
     * @param rooms the rooms
     * @return the operator
     */
    public BroadcastOperator to(String... rooms) {
        return new BroadcastOperator(this).to(rooms);
    }

    /**
     * Same as {@link #to(String...)}.
     * <pre>{@code nsp.in("room1").fetchSockets();}</pre>
     *
     * @param rooms the rooms
     * @return the operator
     */
    public BroadcastOperator in(String... rooms) {
        return to(rooms);
    }

    /**
     * A broadcast to every socket but the members of the rooms.
     * <pre>{@code nsp.except("room1").emit("hello");}</pre>
     *
     * @param rooms the excluded rooms
     * @return the operator
     */
    public BroadcastOperator except(String... rooms) {
        return new BroadcastOperator(this).except(rooms);
    }

    /**
     * A broadcast to this server only.
     * <pre>{@code nsp.local().emit("hello");}</pre>
     *
     * @return the operator
     */
    public BroadcastOperator local() {
        return new BroadcastOperator(this).local();
    }

    /**
     * A broadcast whose packets may be dropped for clients that cannot take them now.
     * <pre>{@code nsp.asVolatile().emit("tick");}</pre>
     *
     * @return the operator
     */
    public BroadcastOperator asVolatile() {
        return new BroadcastOperator(this).asVolatile();
    }

    /**
     * A broadcast whose acknowledgements time out.
     * <pre>{@code nsp.timeout(1_000).emitWithAck("ping");}</pre>
     *
     * @param millis the timeout
     * @return the operator
     */
    public BroadcastOperator timeout(long millis) {
        return new BroadcastOperator(this).timeout(millis);
    }

    /**
     * Emits to every socket of the namespace.
     * <pre>{@code nsp.emit("news", Map.of("title", "hello"));}</pre>
     *
     * @param event the event name
     * @param args  the arguments
     */
    public void emit(String event, Object... args) {
        new BroadcastOperator(this).emit(event, args);
    }

    /**
     * Emits to every socket and collects one acknowledgement per socket (use {@link #timeout(long)} to bound the
     * wait).
     * <pre>{@code nsp.emitWithAck("ping").thenAccept(answers -> log(answers.size()));}</pre>
     *
     * @param event the event name
     * @param args  the arguments
     * @return the answers, one per socket
     */
    public CompletionStage<List<Args>> emitWithAck(String event, Object... args) {
        return new BroadcastOperator(this).emitWithAck(event, args);
    }

    /**
     * Sends a {@code message} event to every socket.
     * <pre>{@code nsp.send("hello");}</pre>
     *
     * @param args the arguments
     */
    public void send(Object... args) {
        emit("message", args);
    }

    /**
     * The sockets of the namespace, on every server of the cluster.
     * <pre>{@code nsp.fetchSockets().thenAccept(list -> list.forEach(s -> s.emit("hi")));}</pre>
     *
     * @return the sockets
     */
    public CompletionStage<List<RemoteSocket>> fetchSockets() {
        return new BroadcastOperator(this).fetchSockets();
    }

    /**
     * Makes every socket join the rooms.
     * <pre>{@code nsp.socketsJoin("room1");}</pre>
     *
     * @param rooms the rooms
     */
    public void socketsJoin(String... rooms) {
        new BroadcastOperator(this).socketsJoin(rooms);
    }

    /**
     * Makes every socket leave the rooms.
     * <pre>{@code nsp.socketsLeave("room1");}</pre>
     *
     * @param rooms the rooms
     */
    public void socketsLeave(String... rooms) {
        new BroadcastOperator(this).socketsLeave(rooms);
    }

    /**
     * Disconnects every socket.
     * <pre>{@code nsp.disconnectSockets(true);}</pre>
     *
     * @param close whether to close the underlying connections
     */
    public void disconnectSockets(boolean close) {
        new BroadcastOperator(this).disconnectSockets(close);
    }

    /**
     * Sends an event to the other servers of the cluster (their {@link #onServerSideEmit} handlers).
     * <pre>{@code nsp.serverSideEmit("cache:invalidate", "user:42");}</pre>
     *
     * @param event the event name, not reserved
     * @param args  the arguments
     */
    public void serverSideEmit(String event, Object... args) {
        Emitter.checkEventName(event);
        adapter.serverSideEmit(Packet.event(name, event, Arrays.asList(args)));
    }

    /**
     * Sends an event to the other servers and collects one answer per server (none with a single server);
     * fails after {@value #SERVER_SIDE_EMIT_TIMEOUT} ms if some server did not answer.
     * <pre>{@code nsp.serverSideEmitWithAck("count").thenAccept(answers -> ...);}</pre>
     *
     * @param event the event name, not reserved
     * @param args  the arguments
     * @return the answers
     */
    public CompletionStage<List<Args>> serverSideEmitWithAck(String event, Object... args) {
        Emitter.checkEventName(event);
        return adapter.serverSideEmitWithAck(Packet.event(name, event, Arrays.asList(args)), SERVER_SIDE_EMIT_TIMEOUT)
                .thenApply(list -> list.stream().map(Args::ofAck).toList());
    }

    // ---- AdapterHost ----

    /**
     * A new acknowledgement id, shared by the sockets of the namespace.
     * <pre>{@code int id = nsp.nextAckId();}</pre>
     *
     * @return the id
     */
    @Override
    public int nextAckId() {
        return ids.getAndUpdate(i -> i == Integer.MAX_VALUE ? 0 : i + 1);
    }

    /**
     * The adapter's view of a socket of this namespace.
     * <pre>{@code LocalSocket s = nsp.localSocket(id);}</pre>
     *
     * @param id the socket id
     * @return the socket, or null
     */
    @Override
    public LocalSocket localSocket(String id) {
        Socket s = sockets.get(id);
        return s == null ? null : s.localView();
    }

    /**
     * Delivers an event from another server to the {@link #onServerSideEmit} handlers.
     * <pre>{@code nsp.onServerSideEmit(Packet.event("/", "ping", null), answer -> publish(answer));}</pre>
     *
     * @param packet the event
     * @param ack    receives the first answer, or null when none is expected
     */
    @Override
    public void onServerSideEmit(Packet packet, Consumer<List<?>> ack) {
        String event = Args.eventName(packet);
        Args args = Args.ofEvent(packet);
        Ack answer = ack == null ? Ack.NONE : new Ack() {
            private final AtomicBoolean sent = new AtomicBoolean();

            @Override
            public boolean requested() {
                return true;
            }

            @Override
            public boolean send(List<?> values) {
                if (!sent.compareAndSet(false, true)) {
                    return false;
                }
                ack.accept(values);
                return true;
            }
        };
        for (EventHandler h : serverSideHandlers.getOrDefault(event, List.of())) {
            Listeners.run(() -> h.onEvent(args, answer), "server-side handler of \"" + event + "\"");
        }
    }

    // ---- connection ----

    /** A client asks to connect: runs the middlewares, then connects the socket or refuses it. */
    void add(Client client, JsonObject auth, Consumer<Socket> onConnected) {
        Socket socket = new Socket(this, client, auth);
        run(socket, server.middlewareChain(middlewares), 0, error -> {
            if (client.isClosed()) {
                socket.cleanup();
            } else if (error != null) {
                socket.cleanup();
                socket.connectError(error);
            } else {
                doConnect(socket, onConnected);
            }
        });
    }

    private void run(Socket socket, List<Middleware> chain, int index, Consumer<ConnectError> done) {
        if (index >= chain.size()) {
            done.accept(null);
            return;
        }
        Middleware m = chain.get(index);
        AtomicBoolean called = new AtomicBoolean();
        Middleware.Next next = new Middleware.Next() {
            @Override
            public void proceed() {
                if (called.compareAndSet(false, true)) {
                    run(socket, chain, index + 1, done);
                }
            }

            @Override
            public void fail(ConnectError error) {
                if (called.compareAndSet(false, true)) {
                    done.accept(error == null ? new ConnectError("unknown error") : error);
                }
            }
        };
        try {
            m.handle(socket, next);
        } catch (RuntimeException e) {
            next.fail(e instanceof ConnectError ce ? ce : new ConnectError(e.getMessage()));
        }
    }

    private void doConnect(Socket socket, Consumer<Socket> onConnected) {
        sockets.put(socket.id(), socket);
        onConnected.accept(socket);
        socket.onConnect();
        server.listeners().forEach(l -> Listeners.run(() -> l.onConnected(socket), "server listener"));
        for (Consumer<Socket> h : connectionHandlers) {
            Listeners.run(() -> h.accept(socket), "connection handler of " + name);
        }
    }

    /** A socket left. */
    void remove(Socket socket) {
        sockets.remove(socket.id(), socket);
        if (parent != null && sockets.isEmpty() && server.options().cleanupEmptyChildNamespaces()) {
            parent.removeChild(this);
        }
    }

    /** The middlewares and connection handlers, copied into a new child of a parent namespace. */
    void copyInto(Namespace child) {
        child.middlewares.addAll(middlewares);
        child.connectionHandlers.addAll(connectionHandlers);
    }

    /** The parent namespace, if this one was created by a dynamic namespace. */
    ParentNamespace parent() {
        return parent;
    }

    @Override
    public String toString() {
        return "Namespace[" + name + "]";
    }
}
