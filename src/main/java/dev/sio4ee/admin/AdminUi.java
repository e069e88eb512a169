package dev.sio4ee.admin;

import dev.sio4ee.server.Args;
import dev.sio4ee.server.BroadcastOperator;
import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.Namespace;
import dev.sio4ee.server.RemoteSocket;
import dev.sio4ee.server.Socket;
import dev.sio4ee.server.SocketIoServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The server side of the official Socket.IO admin UI ({@code @socket.io/admin-ui} 0.5, hosted or served by the
 * WAR), Node's {@code instrument(io, opts)} for sio4ee: an admin namespace (default {@code /admin}) where the UI
 * logs in and then receives {@code config}, {@code all_sockets}, {@code server_stats} every 2 s and, in development
 * mode, every socket's life ({@code socket_connected}, {@code room_joined}, {@code event_received}, ...), and
 * where it acts ({@code emit}, {@code join}, {@code leave}, {@code _disconnect}, with a room or socket id as
 * filter) unless read-only. Everything the UI hears goes through the admin namespace's adapter and every action
 * through the target namespace's, so in a Redis cluster one UI sees and steers every server (each server that runs
 * the admin UI sends its own stats and events).
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Admin implements SocketIoSetup {
 *     public void configure(SocketIoServer io) {
 *         AdminUi.instrument(io, AdminOptions.withAuth(AdminAuth.bcrypt("admin", "$2b$10$...")));
 *     }
 * }
 * }</pre>
 */
public final class AdminUi implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AdminUi.class.getName());
    /** Node's interval between two {@code server_stats}. */
    public static final long STATS_INTERVAL = 2_000;
    /** The message of the CONNECT_ERROR the UI shows on a wrong login (its exact text matters to the UI). */
    public static final String INVALID_CREDENTIALS = "invalid credentials";

    private final SocketIoServer io;
    private final AdminOptions options;
    private final Namespace admin;
    private final AdminSessions sessions;
    private final List<String> features;
    private final ServerStats stats;
    private final AdminEvents events;
    private final LongSupplier clock;
    /** Session ids given by the middleware, sent once the admin socket is connected. */
    private final Map<Socket, String> newSessions = new ConcurrentHashMap<>();
    private volatile Runnable cancelStats = () -> { };
    private volatile boolean closed;

    private AdminUi(SocketIoServer io, AdminOptions options, LongSupplier clock) {
        this.io = io;
        this.options = options;
        this.clock = clock;
        this.admin = io.of(options.namespace());
        this.sessions = new AdminSessions(options.sessionDurationMillis(), clock);
        List<String> f = new ArrayList<>();
        if (!options.readOnly()) {
            f.addAll(List.of("EMIT", "JOIN", "LEAVE", "DISCONNECT", "MJOIN", "MLEAVE", "MDISCONNECT"));
        }
        f.add("AGGREGATED_EVENTS");
        if (options.mode() == AdminMode.DEVELOPMENT) {
            f.add("ALL_EVENTS");
        }
        this.features = List.copyOf(f);
        String host = hostname();
        this.stats = new ServerStats(options.serverId() == null ? host : options.serverId(), host, clock);
        this.events = options.mode() == AdminMode.DEVELOPMENT ? new AdminEvents(admin, clock) : null;
    }

    /**
     * Turns the admin UI on for a server (once per server and namespace).
     * <pre>{@code AdminUi ui = AdminUi.instrument(io, AdminOptions.withAuth(auth).withReadOnly(true));}</pre>
     *
     * @param io      the server (attached to its engine, for the engine's counters)
     * @param options the options
     * @return the running instrumentation, to {@link #close()}
     */
    public static AdminUi instrument(SocketIoServer io, AdminOptions options) {
        return instrument(io, options, System::currentTimeMillis);
    }

    /**
     * {@link #instrument(SocketIoServer, AdminOptions)} with another clock for dates and sessions (for tests).
     * <pre>{@code AdminUi.instrument(io, options, clock::now)}</pre>
     *
     * @param io      the server
     * @param options the options
     * @param clock   epoch milliseconds
     * @return the running instrumentation
     */
    public static AdminUi instrument(SocketIoServer io, AdminOptions options, LongSupplier clock) {
        Objects.requireNonNull(io, "io");
        Objects.requireNonNull(options, "options");
        AdminUi ui = new AdminUi(io, options, clock);
        ui.start();
        return ui;
    }

    private void start() {
        if (options.auth() != null) {
            admin.use(this::authenticate);
        } else {
            LOG.log(System.Logger.Level.WARNING, "sio4ee: the admin UI at {0} has no authentication",
                    options.namespace());
        }
        admin.onConnection(this::onAdminConnection);
        if (io.engine() != null) {
            io.engine().addObserver(stats);
        }
        if (events != null) {
            if (io.engine() != null) {
                io.engine().addObserver(events);
            }
            io.addListener(events);
            io.namespaces().values().forEach(events::watch);
            io.onNewNamespace(nsp -> {
                if (!closed) {
                    events.watch(nsp);
                }
            });
        }
        emitStats();
        LOG.log(System.Logger.Level.INFO, "sio4ee: admin UI on namespace {0} ({1} mode{2}, {3})", options.namespace(),
                options.mode().name().toLowerCase(java.util.Locale.ROOT), options.readOnly() ? ", read-only" : "",
                options.auth() == null ? "no login" : "login by " + options.auth());
    }

    private void authenticate(Socket socket, dev.sio4ee.server.Middleware.Next next) {
        JsonObject auth = socket.handshake().auth();
        if (sessions.isValid(string(auth, "sessionId"))) {
            next.proceed();
            return;
        }
        boolean ok;
        try {
            ok = options.auth().check(string(auth, "username"), string(auth, "password"));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sio4ee: the admin UI login check failed", e);
            ok = false;
        }
        if (ok) {
            newSessions.put(socket, sessions.create());
            next.proceed();
        } else {
            next.fail(new ConnectError(INVALID_CREDENTIALS));
        }
    }

    /**
     * A UI connected: its session id (after a password login), then {@code config} and, in development mode,
     * {@code all_sockets}. Node sends the session id from the middleware, before the CONNECT answer, where the
     * official UI (which adds its listeners on connect) misses it; here it follows the CONNECT answer.
     */
    private void onAdminConnection(Socket socket) {
        String session = newSessions.remove(socket);
        if (session != null) {
            socket.emit("session", session);
        }
        if (!options.readOnly()) {
            registerActions(socket);
        }
        socket.emit("config", Map.of("supportedFeatures", features));
        if (events != null) {
            allSockets().thenAccept(list -> socket.emit("all_sockets", list));
        }
    }

    /** Every socket of every namespace, of every server (through the adapters), as {@code SerializedSocket}s. */
    java.util.concurrent.CompletionStage<List<Map<String, Object>>> allSockets() {
        List<CompletableFuture<List<Map<String, Object>>>> parts = new ArrayList<>();
        for (Namespace nsp : io.namespaces().values()) {
            parts.add(nsp.fetchSockets().toCompletableFuture()
                    .thenApply(list -> serialize(list, nsp.name()))
                    .exceptionally(e -> {
                        LOG.log(System.Logger.Level.INFO, "sio4ee admin UI: the sockets of {0} could not be "
                                + "fetched ({1})", nsp.name(), e.toString());
                        return List.of();
                    }));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Map<String, Object>> all = new ArrayList<>();
            parts.forEach(p -> all.addAll(p.join()));
            return all;
        });
    }

    private static List<Map<String, Object>> serialize(List<RemoteSocket> sockets, String nsp) {
        List<Map<String, Object>> out = new ArrayList<>(sockets.size());
        sockets.forEach(s -> out.add(Serialized.socket(s.details(), nsp)));
        return out;
    }

    /** The UI's actions: {@code (nsp, filter, event, ...args)}, {@code (nsp, room, filter)}, {@code (nsp, close, filter)}. */
    private void registerActions(Socket socket) {
        socket.on("emit", (args, ack) -> target(args, 1).ifPresent(t -> {
            String event = string(args, 2);
            if (event != null) {
                Object[] rest = new Object[Math.max(0, args.size() - 3)];
                for (int i = 3; i < args.size(); i++) {
                    rest[i - 3] = args.get(i);
                }
                t.emit(event, rest);
            }
        }));
        socket.on("join", (args, ack) -> {
            String room = string(args, 1);
            target(args, 2).ifPresent(t -> {
                if (room != null) {
                    t.socketsJoin(room);
                }
            });
        });
        socket.on("leave", (args, ack) -> {
            String room = string(args, 1);
            target(args, 2).ifPresent(t -> {
                if (room != null) {
                    t.socketsLeave(room);
                }
            });
        });
        socket.on("_disconnect", (args, ack) -> target(args, 2).ifPresent(t -> t.disconnectSockets(
                args.size() > 1 && args.json(1) == JsonValue.TRUE)));
    }

    /** {@code io.of(nsp)[.in(filter)]}, for a namespace that exists (the UI creates none). */
    private java.util.Optional<BroadcastOperator> target(Args args, int filterIndex) {
        String name = string(args, 0);
        Namespace nsp = name == null ? null : io.namespaces().get(name);
        if (nsp == null) {
            return java.util.Optional.empty();
        }
        String filter = string(args, filterIndex);
        return java.util.Optional.of(filter == null || filter.isEmpty() ? nsp.except() : nsp.in(filter));
    }

    private void emitStats() {
        if (closed) {
            return;
        }
        try {
            admin.emit("server_stats", stats.snapshot(io));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sio4ee admin UI: server_stats failed", e);
        }
        if (!closed) {
            cancelStats = io.schedule(this::emitStats, STATS_INTERVAL);
        }
    }

    /**
     * The admin namespace.
     * <pre>{@code ui.namespace().sockets().size() // UIs connected to this server}</pre>
     *
     * @return the namespace
     */
    public Namespace namespace() {
        return admin;
    }

    /**
     * The login sessions of this server.
     * <pre>{@code ui.sessions().size()}</pre>
     *
     * @return the store
     */
    public AdminSessions sessions() {
        return sessions;
    }

    /**
     * The options.
     * <pre>{@code ui.options().readOnly()}</pre>
     *
     * @return the options
     */
    public AdminOptions options() {
        return options;
    }

    /**
     * Stops the stats and the events (the namespace stays, and connected UIs hear nothing more).
     * <pre>{@code ui.close();}</pre>
     */
    @Override
    public void close() {
        closed = true;
        cancelStats.run();
        if (io.engine() != null) {
            io.engine().removeObserver(stats);
        }
        if (events != null) {
            events.close();
            io.removeListener(events);
            if (io.engine() != null) {
                io.engine().removeObserver(events);
            }
        }
    }

    private static String string(JsonObject o, String key) {
        return o.get(key) instanceof JsonString s ? s.getString() : null;
    }

    private static String string(Args args, int index) {
        return index < args.size() && args.json(index) instanceof JsonString s ? s.getString() : null;
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "localhost" : env;
        }
    }
}
