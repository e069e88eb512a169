package dev.sio4ee.server;

import dev.sio4ee.engine.CloseReason;
import dev.sio4ee.engine.EngineScheduler;
import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.EngineSession;
import dev.sio4ee.protocol.Encoder;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The Socket.IO server (socket.io's {@code Server}, the {@code io} object): its namespaces, and the verbs of the
 * main namespace {@code /}. It listens to an {@link EngineServer} for new connections ({@link #attach}), made
 * with the Engine.IO part of its options. Not final only so that CDI can proxy it; no other code can subclass it.
 *
 * <pre>{@code
 * SocketIoOptions options = SocketIoOptions.defaults();
 * EngineServer engine = new EngineServer(options.engine(), scheduler);
 * SocketIoServer io = new SocketIoServer(options, scheduler).attach(engine);
 * io.onConnection(socket -> {
 *     socket.on("chat message", (args, ack) -> io.emit("chat message", args.string(0)));
 * });
 * io.of("/admin").use((socket, next) -> next.proceed());
 * io.of(Pattern.compile("^/room-\\d+$")).onConnection(socket -> socket.emit("hi"));
 * }</pre>
 */
public class SocketIoServer {
    private static final System.Logger LOG = System.getLogger(SocketIoServer.class.getName());
    /** How long {@link #close()} waits for the sockets' disconnect listeners. */
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final SocketIoOptions options;
    private final EngineScheduler scheduler;
    private final Encoder encoder = new Encoder();
    private final Map<String, Namespace> nsps = new ConcurrentHashMap<>();
    private final List<ParentNamespace> parents = new CopyOnWriteArrayList<>();
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final List<ServerListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Middleware> everyNamespaceMiddlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Namespace>> newNamespaceHandlers = new CopyOnWriteArrayList<>();
    private final AtomicInteger parentCount = new AtomicInteger();
    private final Object namespaceLock = new Object();
    private final Namespace main;
    private volatile EngineServer engine;
    private volatile boolean closed;

    /**
     * Creates a server.
     * <pre>{@code new SocketIoServer(SocketIoOptions.defaults(), new ExecutorScheduler("sio4ee-timer"))}</pre>
     *
     * @param options   the settings
     * @param scheduler the timer service, shared with the engine (acks, connect timeouts)
     */
    public SocketIoServer(SocketIoOptions options, EngineScheduler scheduler) {
        this.options = Objects.requireNonNull(options, "options");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.main = of("/");
    }

    /**
     * For the CDI container's client proxy only ({@code @Inject SocketIoServer} is application-scoped, and a proxy
     * needs a constructor without parameters); such an object is never used as a server, every call goes to the real
     * one. Package-private, so no other code can subclass this class.
     */
    SocketIoServer() {
        this.options = null;
        this.scheduler = null;
        this.main = null;
    }

    /**
     * Listens to an engine: its new sessions become Socket.IO clients, and {@link #close()} closes it.
     * <pre>{@code io.attach(engine);}</pre>
     *
     * @param engineServer the engine
     * @return this server
     */
    public SocketIoServer attach(EngineServer engineServer) {
        this.engine = engineServer;
        engineServer.onConnection(this::accept);
        return this;
    }

    /** A new Engine.IO session becomes a client (the engine calls this through the listener given in attach). */
    private void accept(EngineSession session) {
        Client client = new Client(this, session);
        session.listener(client);
        clients.add(client);
        if (closed) {
            client.close(CloseReason.SERVER_SHUTTING_DOWN);
        }
    }

    /**
     * The settings.
     * <pre>{@code io.options().connectTimeout()}</pre>
     *
     * @return the options
     */
    public SocketIoOptions options() {
        return options;
    }

    /**
     * The namespace with this name, created if needed (a missing leading {@code /} is added).
     * <pre>{@code Namespace chat = io.of("/chat");}</pre>
     *
     * @param name the name
     * @return the namespace
     */
    public Namespace of(String name) {
        String n = name.startsWith("/") ? name : "/" + name;
        Namespace existing = nsps.get(n);
        if (existing != null) {
            return existing;
        }
        synchronized (namespaceLock) {
            return nsps.computeIfAbsent(n, k -> new Namespace(this, k, options.effectiveAdapter(), null));
        }
    }

    /**
     * A dynamic namespace for every name the pattern finds a match in (JavaScript's {@code regex.test}; anchor it
     * with {@code ^...$} for whole names).
     * <pre>{@code io.of(Pattern.compile("^/room-\\d+$")).onConnection(s -> s.emit("hi"));}</pre>
     *
     * @param pattern the pattern
     * @return the parent namespace
     */
    public ParentNamespace of(Pattern pattern) {
        return of((name, auth) -> pattern.matcher(name).find());
    }

    /**
     * A dynamic namespace for every name accepted by the predicate.
     * <pre>{@code io.of(name -> name.startsWith("/tenant-"));}</pre>
     *
     * @param predicate tests the namespace name
     * @return the parent namespace
     */
    public ParentNamespace of(Predicate<String> predicate) {
        return of((name, auth) -> predicate.test(name));
    }

    /**
     * A dynamic namespace for every name accepted by the predicate, which also sees the CONNECT payload.
     * <pre>{@code io.of((name, auth) -> auth.containsKey("tenant"));}</pre>
     *
     * @param predicate tests the namespace name and the client's auth payload
     * @return the parent namespace
     */
    public ParentNamespace of(BiPredicate<String, JsonObject> predicate) {
        ParentNamespace parent = new ParentNamespace(this, "/_" + parentCount.getAndIncrement(), predicate);
        parents.add(parent);
        return parent;
    }

    /**
     * The main namespace {@code /}.
     * <pre>{@code io.sockets().sockets().size()}</pre>
     *
     * @return the namespace
     */
    public Namespace sockets() {
        return main;
    }

    /**
     * The namespaces that exist now, dynamic children included.
     * <pre>{@code io.namespaces().keySet() // [/, /chat]}</pre>
     *
     * @return a snapshot by name
     */
    public Map<String, Namespace> namespaces() {
        return Map.copyOf(nsps);
    }

    /**
     * Adds a hook on every socket of every namespace (the CDI bridge is one).
     * <pre>{@code io.addListener(new ServerListener() { });}</pre>
     *
     * @param listener the listener
     * @return this server
     */
    public SocketIoServer addListener(ServerListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /**
     * Adds a middleware that runs for every namespace, static or dynamic, before the namespace's own
     * middlewares (socket.io has per-namespace middlewares only; the CDI {@code ConnectionGuard} beans are
     * plugged in here so that namespaces created later are guarded too).
     * <pre>{@code io.useInEveryNamespace((socket, next) -> next.proceed());}</pre>
     *
     * @param middleware the middleware
     * @return this server
     */
    public SocketIoServer useInEveryNamespace(Middleware middleware) {
        everyNamespaceMiddlewares.add(Objects.requireNonNull(middleware, "middleware"));
        return this;
    }

    /**
     * Removes a hook.
     * <pre>{@code io.removeListener(listener);}</pre>
     *
     * @param listener the listener
     * @return this server
     */
    public SocketIoServer removeListener(ServerListener listener) {
        listeners.remove(listener);
        return this;
    }

    /**
     * Hears the creation of every child of a dynamic namespace (socket.io's {@code new_namespace}).
     * <pre>{@code io.onNewNamespace(nsp -> log(nsp.name()));}</pre>
     *
     * @param handler the handler
     * @return this server
     */
    public SocketIoServer onNewNamespace(Consumer<Namespace> handler) {
        newNamespaceHandlers.add(handler);
        return this;
    }

    /**
     * Handles each new socket of the main namespace.
     * <pre>{@code io.onConnection(socket -> socket.emit("welcome"));}</pre>
     *
     * @param handler the handler
     * @return this server
     */
    public SocketIoServer onConnection(Consumer<Socket> handler) {
        main.onConnection(handler);
        return this;
    }

    /**
     * Adds a middleware to the main namespace.
     * <pre>{@code io.use((socket, next) -> next.proceed());}</pre>
     *
     * @param middleware the middleware
     * @return this server
     */
    public SocketIoServer use(Middleware middleware) {
        main.use(middleware);
        return this;
    }

    /**
     * A broadcast to rooms of the main namespace.
     * <pre>{@code io.to("room1").emit("hello");}</pre>
     *
     * @param rooms the rooms
     * @return the operator
     */
    public BroadcastOperator to(String... rooms) {
        return main.to(rooms);
    }

    /**
     * Same as {@link #to(String...)}.
     * <pre>{@code io.in("room1").fetchSockets();}</pre>
     *
     * @param rooms the rooms
     * @return the operator
     */
    public BroadcastOperator in(String... rooms) {
        return main.in(rooms);
    }

    /**
     * A broadcast to the main namespace except the members of the rooms.
     * <pre>{@code io.except("room1").emit("hello");}</pre>
     *
     * @param rooms the excluded rooms
     * @return the operator
     */
    public BroadcastOperator except(String... rooms) {
        return main.except(rooms);
    }

    /**
     * A broadcast of the main namespace to this server only.
     * <pre>{@code io.local().emit("hello");}</pre>
     *
     * @return the operator
     */
    public BroadcastOperator local() {
        return main.local();
    }

    /**
     * A broadcast of the main namespace with an acknowledgement timeout.
     * <pre>{@code io.timeout(1_000).emitWithAck("ping");}</pre>
     *
     * @param millis the timeout
     * @return the operator
     */
    public BroadcastOperator timeout(long millis) {
        return main.timeout(millis);
    }

    /**
     * A broadcast of the main namespace with the compress flag (see {@link BroadcastOperator#compress(boolean)}).
     * <pre>{@code io.compress(false).emit("hello");}</pre>
     *
     * @param compress whether the packets may be compressed
     * @return the operator
     */
    public BroadcastOperator compress(boolean compress) {
        return main.compress(compress);
    }

    /**
     * A volatile broadcast of the main namespace.
     * <pre>{@code io.asVolatile().emit("tick");}</pre>
     *
     * @return the operator
     */
    public BroadcastOperator asVolatile() {
        return main.asVolatile();
    }

    /**
     * Emits to every socket of the main namespace.
     * <pre>{@code io.emit("news", "hello");}</pre>
     *
     * @param event the event name
     * @param args  the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
     */
    public void emit(String event, Object... args) {
        main.emit(event, args);
    }

    /**
     * Emits to every socket of the main namespace and collects their acknowledgements.
     * <pre>{@code io.timeout(1_000).emitWithAck("ping"); // bounded; this one waits for all}</pre>
     *
     * @param event the event name
     * @param args  the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
     * @return one answer per socket
     */
    public CompletionStage<List<Args>> emitWithAck(String event, Object... args) {
        return main.emitWithAck(event, args);
    }

    /**
     * The sockets of the main namespace.
     * <pre>{@code io.fetchSockets().thenAccept(list -> log(list.size()));}</pre>
     *
     * @return the sockets
     */
    public CompletionStage<List<RemoteSocket>> fetchSockets() {
        return main.fetchSockets();
    }

    /**
     * Makes every socket of the main namespace join rooms.
     * <pre>{@code io.socketsJoin("room1");}</pre>
     *
     * @param rooms the rooms
     */
    public void socketsJoin(String... rooms) {
        main.socketsJoin(rooms);
    }

    /**
     * Makes every socket of the main namespace leave rooms.
     * <pre>{@code io.socketsLeave("room1");}</pre>
     *
     * @param rooms the rooms
     */
    public void socketsLeave(String... rooms) {
        main.socketsLeave(rooms);
    }

    /**
     * Disconnects every socket of the main namespace.
     * <pre>{@code io.disconnectSockets(true);}</pre>
     *
     * @param close whether to close the underlying connections
     */
    public void disconnectSockets(boolean close) {
        main.disconnectSockets(close);
    }

    /**
     * Sends an event to the other servers of the cluster, main namespace.
     * <pre>{@code io.serverSideEmit("hello", "world");}</pre>
     *
     * @param event the event name
     * @param args  the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
     */
    public void serverSideEmit(String event, Object... args) {
        main.serverSideEmit(event, args);
    }

    /**
     * Sends an event to the other servers and collects their answers, main namespace.
     * <pre>{@code io.serverSideEmitWithAck("count").thenAccept(answers -> ...);}</pre>
     *
     * @param event the event name
     * @param args  the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
     * @return one answer per other server
     */
    public CompletionStage<List<Args>> serverSideEmitWithAck(String event, Object... args) {
        return main.serverSideEmitWithAck(event, args);
    }

    /**
     * Disconnects every socket with {@code server shutting down}, releases the adapters, closes the connections
     * (and the attached engine), and refuses new connections.
     * <pre>{@code io.close();}</pre>
     */
    public void close() {
        closed = true;
        List<CompletableFuture<Void>> disconnections = new ArrayList<>();
        for (Namespace nsp : new ArrayList<>(nsps.values())) {
            for (Socket s : new ArrayList<>(nsp.sockets().values())) {
                disconnections.add(s.closeInOrder(DisconnectReason.SERVER_SHUTTING_DOWN, null));
            }
        }
        // each socket's disconnect listeners run on its dispatcher, with its rooms: wait for them (bounded)
        try {
            CompletableFuture.allOf(disconnections.toArray(CompletableFuture[]::new))
                    .get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.INFO, "closing: disconnect listeners still running after {0} s",
                    CLOSE_WAIT_SECONDS);
        }
        for (Namespace nsp : new ArrayList<>(nsps.values())) {
            nsp.adapter().close();
        }
        for (Client c : new ArrayList<>(clients)) {
            c.close(CloseReason.SERVER_SHUTTING_DOWN);
        }
        EngineServer e = engine;
        if (e != null) {
            e.close();
        }
    }

    // ---- internals ----

    EngineScheduler scheduler() {
        return scheduler;
    }

    /** Where application code that belongs to no socket runs (a broadcast's ack timeout, an adapter's timer). */
    Executor executor() {
        EngineServer e = engine;
        return e == null ? Runnable::run : e.executor();
    }

    Encoder encoder() {
        return encoder;
    }

    List<ServerListener> listeners() {
        return listeners;
    }

    /** The server-wide middlewares followed by a namespace's own. */
    List<Middleware> middlewareChain(List<Middleware> own) {
        if (everyNamespaceMiddlewares.isEmpty()) {
            return own;
        }
        List<Middleware> chain = new ArrayList<>(everyNamespaceMiddlewares);
        chain.addAll(own);
        return chain;
    }

    Namespace namespace(String name) {
        return nsps.get(name);
    }

    /** Finds a dynamic namespace accepting the name and creates its child; null if none does. */
    Namespace checkNamespace(String name, JsonObject auth) {
        for (ParentNamespace parent : parents) {
            boolean accepted;
            try {
                accepted = parent.matches(name, auth);
            } catch (RuntimeException e) {
                accepted = false;
            }
            if (!accepted) {
                continue;
            }
            Namespace child;
            synchronized (namespaceLock) {
                child = nsps.get(name);
                if (child != null) {
                    return child;
                }
                child = parent.createChild(name);
                nsps.put(name, child);
            }
            Namespace created = child;
            newNamespaceHandlers.forEach(h -> Listeners.run(() -> h.accept(created), "new_namespace handler"));
            return child;
        }
        return null;
    }

    void removeNamespace(Namespace nsp) {
        nsps.remove(nsp.name(), nsp);
    }

    void removeClient(Client client) {
        clients.remove(client);
    }
}
