package dev.sio4ee.server;

import dev.sio4ee.adapter.Adapter;
import dev.sio4ee.adapter.AdapterHost;
import dev.sio4ee.adapter.BroadcastOptions;
import dev.sio4ee.adapter.LocalSocket;
import dev.sio4ee.adapter.Session;
import dev.sio4ee.protocol.Packet;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * A namespace (socket.io's {@code Namespace}): the sockets connected to one path such as {@code /chat}, its
 * middlewares, its connection handlers and its adapter (rooms). Broadcasting methods start a
 * {@link BroadcastOperator}. Thread-safe.
 *
 * <pre>{@code
 * Namespace chat = io.of("/chat");
 * chat.use((socket, next) -> next.proceed());
 * chat.onConnection(socket -> socket.join("lobby"));
 * chat.to("lobby").emit("news", "hello");
 * }</pre>
 */
public class Namespace {
    private static final System.Logger LOG = System.getLogger(Namespace.class.getName());
    /** How long {@link #serverSideEmitWithAck} waits for the other servers, as the cluster adapters' default. */
    public static final long SERVER_SIDE_EMIT_TIMEOUT = 5_000;

    private final SocketIoServer server;
    private final String name;
    private final Adapter adapter;
    private final Map<String, Socket> sockets = new ConcurrentHashMap<>();
    /** Recovered sockets between their restore and their CONNECT reply: they hold what is broadcast to them. */
    private final Map<String, Socket> recovering = new ConcurrentHashMap<>();
    /**
     * With recovery on, broadcasts share it and a restore takes it alone, so that each broadcast is either in the
     * restored session's missed packets or delivered to the recovered socket, never both, never neither.
     */
    private final ReadWriteLock recoveryGate = new ReentrantReadWriteLock();
    private final List<Middleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Socket>> connectionHandlers = new CopyOnWriteArrayList<>();
    private final Map<String, List<EventHandler>> serverSideHandlers = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final ParentNamespace parent;

    Namespace(SocketIoServer server, String name, Adapter.Factory adapterFactory, ParentNamespace parent) {
        this.server = server;
        this.name = name;
        this.parent = parent;
        this.adapter = adapterFactory.create(new Host());
    }

    /**
     * The name.
     * <pre>{@code io.of("chat").name() // "/chat"}</pre>
     *
     * @return the name, starting with {@code /}
     */
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
     * A broadcast with the compress flag (see {@link BroadcastOperator#compress(boolean)}).
     * <pre>{@code nsp.compress(false).emit("hello");}</pre>
     *
     * @param compress whether the packets may be compressed
     * @return the operator
     */
    public BroadcastOperator compress(boolean compress) {
        return new BroadcastOperator(this).compress(compress);
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
     * @param args  the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
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
     * @param args  the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
     * @return the answers, one per socket
     */
    public CompletionStage<List<Args>> emitWithAck(String event, Object... args) {
        return new BroadcastOperator(this).emitWithAck(event, args);
    }

    /**
     * Sends a {@code message} event to every socket.
     * <pre>{@code nsp.send("hello");}</pre>
     *
     * @param args the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
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
     * @param args  the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
     */
    public void serverSideEmit(String event, Object... args) {
        Emitter.checkEventName(event);
        adapter.serverSideEmit(Packet.event(name, event, Args.list(args)));
    }

    /**
     * Sends an event to the other servers and collects one answer per server (none with a single server);
     * fails after {@value #SERVER_SIDE_EMIT_TIMEOUT} ms if some server did not answer.
     * <pre>{@code nsp.serverSideEmitWithAck("count").thenAccept(answers -> ...);}</pre>
     *
     * @param event the event name, not reserved
     * @param args  the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
     * @return the answers
     */
    public CompletionStage<List<Args>> serverSideEmitWithAck(String event, Object... args) {
        Emitter.checkEventName(event);
        return adapter.serverSideEmitWithAck(Packet.event(name, event, Args.list(args)), SERVER_SIDE_EMIT_TIMEOUT)
                .thenApply(list -> list.stream().map(Args::ofAck).toList());
    }

    // ---- the adapter's view ----

    /** A new acknowledgement id, shared by the sockets of the namespace (socket.io's {@code nsp._ids++}). */
    int nextAckId() {
        return ids.getAndUpdate(i -> i == Integer.MAX_VALUE ? 0 : i + 1);
    }

    /**
     * The namespace as its adapter sees it. A separate object, so that the adapter's entry points stay out of this
     * public type.
     */
    final class Host implements AdapterHost {

        /** The namespace this host stands for. */
        Namespace namespace() {
            return Namespace.this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int nextAckId() {
            return Namespace.this.nextAckId();
        }

        @Override
        public LocalSocket localSocket(String id) {
            Socket s = sockets.get(id);
            if (s == null) {
                s = recovering.get(id);
            }
            return s == null ? null : s.localView();
        }

        @Override
        public long nowMillis() {
            return server.scheduler().nowMillis();
        }

        /**
         * The server's shared scheduler waits, the server's executor runs the task (it may complete futures whose
         * callbacks are application code, so it never runs on the timer thread).
         */
        @Override
        public Runnable schedule(Runnable task, long delayMillis) {
            Executor executor = server.executor();
            return server.scheduler().schedule(() -> executor.execute(task), delayMillis)::cancel;
        }

        /** Delivers an event from another server to the {@link #onServerSideEmit(String, EventHandler)} handlers. */
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
                public boolean send(Object... values) {
                    if (!sent.compareAndSet(false, true)) {
                        return false;
                    }
                    ack.accept(Args.list(values));
                    return true;
                }
            };
            for (EventHandler h : serverSideHandlers.getOrDefault(event, List.of())) {
                Listeners.run(() -> h.onEvent(args, answer), "server-side handler of \"" + event + "\"");
            }
        }

        @Override
        public String toString() {
            return "Host[" + name + "]";
        }
    }

    // ---- connection ----

    /** Broadcasts through the adapter (behind the recovery gate when recovery is on). */
    void broadcast(Packet packet, BroadcastOptions opts) {
        if (!server.options().recoveryEnabled()) {
            adapter.broadcast(packet, opts);
            return;
        }
        recoveryGate.readLock().lock();
        try {
            adapter.broadcast(packet, opts);
        } finally {
            recoveryGate.readLock().unlock();
        }
    }

    /**
     * A client asks to connect: with recovery on and {@code auth.pid} and {@code auth.offset} strings, tries to
     * restore its session first; then runs the middlewares (skipped on recovery by default) and connects the
     * socket or refuses it.
     */
    void add(Client client, JsonObject auth, Consumer<Socket> onConnected) {
        ConnectionStateRecovery recovery = server.options().connectionStateRecovery();
        String pid = auth.get("pid") instanceof JsonString s ? s.getString() : null;
        String offset = auth.get("offset") instanceof JsonString s ? s.getString() : null;
        if (recovery == null || pid == null || offset == null) {
            admit(new Socket(this, client, auth, null), recovery, onConnected);
            return;
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<Session>[] restoring = new CompletableFuture[1];
        Socket[] restored = new Socket[1];
        // the room listeners of the rejoined rooms fire after the gate is released
        adapter.withRoomEventsAfter(() -> {
            recoveryGate.writeLock().lock();
            try {
                restoring[0] = restore(pid, offset);
                if (restoring[0].isDone()) {
                    restored[0] = recreate(client, auth, restoring[0].join());
                }
            } finally {
                recoveryGate.writeLock().unlock();
            }
        });
        if (restored[0] != null) {
            admit(restored[0], recovery, onConnected); // outside the gate: user code runs from here
            return;
        }
        // an adapter answering later (another store): the gate only covers the socket's re-creation; the rest
        // goes back to the client's dispatcher
        restoring[0].whenComplete((session, error) -> client.serially(() -> {
            Socket[] socket = new Socket[1];
            adapter.withRoomEventsAfter(() -> {
                recoveryGate.writeLock().lock();
                try {
                    socket[0] = recreate(client, auth, error == null ? session : null);
                } finally {
                    recoveryGate.writeLock().unlock();
                }
            });
            admit(socket[0], recovery, onConnected);
        }));
    }

    private CompletableFuture<Session> restore(String pid, String offset) {
        try {
            return adapter.restoreSession(pid, offset).toCompletableFuture()
                    .exceptionally(e -> {
                        LOG.log(System.Logger.Level.DEBUG, "error while restoring session: {0}", e.toString());
                        return null;
                    });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "error while restoring session: {0}", e.toString());
            return CompletableFuture.completedFuture(null);
        }
    }

    /** The socket of a restored session, in its rooms and holding broadcasts until connected; else a new one. */
    private Socket recreate(Client client, JsonObject auth, Session session) {
        if (session == null || sockets.containsKey(session.sid()) || recovering.containsKey(session.sid())) {
            return new Socket(this, client, auth, null);
        }
        Socket socket = new Socket(this, client, auth, session);
        recovering.put(socket.id(), socket);
        socket.join(session.rooms());
        LOG.log(System.Logger.Level.DEBUG, "connection state recovered for sid {0}", socket.id());
        return socket;
    }

    private void admit(Socket socket, ConnectionStateRecovery recovery, Consumer<Socket> onConnected) {
        Client client = socket.client();
        if (recovery != null && recovery.skipMiddlewares() && socket.recovered() && !client.isClosed()) {
            doConnect(socket, onConnected);
            return;
        }
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
            // a middleware may answer later from any thread: the chain goes on on the client's dispatcher
            @Override
            public void proceed() {
                if (called.compareAndSet(false, true)) {
                    socket.client().serially(() -> run(socket, chain, index + 1, done));
                }
            }

            @Override
            public void fail(ConnectError error) {
                if (called.compareAndSet(false, true)) {
                    socket.client().serially(() -> done.accept(error == null ? new ConnectError("unknown error")
                            : error));
                }
            }
        };
        try {
            m.handle(socket, next);
        } catch (RuntimeException e) {
            next.fail(new ConnectError(e.getMessage()));
        }
    }

    private void doConnect(Socket socket, Consumer<Socket> onConnected) {
        sockets.put(socket.id(), socket);
        recovering.remove(socket.id(), socket);
        onConnected.accept(socket);
        socket.onConnect();
        server.listeners().forEach(l -> Listeners.run(() -> l.onConnected(socket), "server listener"));
        for (Consumer<Socket> h : connectionHandlers) {
            Listeners.run(() -> h.accept(socket), "connection handler of " + name);
        }
    }

    /** A socket left. */
    void remove(Socket socket) {
        recovering.remove(socket.id(), socket);
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
