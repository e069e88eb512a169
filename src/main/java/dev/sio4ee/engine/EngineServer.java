package dev.sio4ee.engine;

import dev.sio4ee.engine.spi.PollingExchange;
import dev.sio4ee.engine.spi.RequestInfo;
import dev.sio4ee.engine.spi.WebSocketHandler;
import dev.sio4ee.engine.spi.WebSocketPeer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Engine.IO v4 server: checks every request (transport, sid, method, protocol version, origin, the
 * {@link AllowRequest} hook), opens sessions, routes long-polling requests and WebSocket connections to them,
 * and answers errors exactly as the Node.js server does. It knows no servlet or WebSocket API: the container
 * glue hands it {@link PollingExchange}s and {@link WebSocketPeer}s.
 *
 * <p>Each session's listener calls run on that session's serial dispatcher over the server's {@link Executor}:
 * in order for the session, in parallel across sessions, never on the thread of a request, a timer or another
 * session. Inside an application server pass the container's managed executor; without one, the server starts a
 * bounded pool of {@link #DEFAULT_DISPATCH_THREADS} daemon threads and stops it with {@link #close()}.
 *
 * <pre>{@code
 * EngineServer engine = new EngineServer(EngineOptions.defaults(), new ExecutorScheduler("sio4ee-timer"));
 * engine.onConnection(session -> session.listener(new EngineSessionListener() {
 *     public void onMessage(EngineSession s, String text) { s.send(text); }
 * }));
 * // in the servlet:   engine.handlePolling(exchange);
 * // in the endpoint:  WebSocketHandler h = engine.openWebSocket(peer);
 * }</pre>
 */
public final class EngineServer {
    private static final System.Logger LOG = System.getLogger(EngineServer.class.getName());
    /** WebSocket close code used to refuse a connection (RFC 6455 "policy violation"). */
    public static final int CLOSE_REFUSED = 1008;
    /** WebSocket close code when the engine failed unexpectedly (RFC 6455 "internal error"). */
    static final int CLOSE_INTERNAL_ERROR = 1011;
    private static final int MAX_CLOSE_REASON_BYTES = 123;
    /** Threads of the pool started when no executor is given: at least 8, four per processor. */
    public static final int DEFAULT_DISPATCH_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());
    /** The least weight (about bytes) of deliveries a session may have queued before it is closed: 16 MiB. */
    public static final long DISPATCH_LIMIT = 16L << 20;
    /** How long a client's CLOSE is remembered for the GETs that arrived before it but run after it (ms). */
    static final long CLIENT_CLOSE_MEMORY = 10_000;
    /**
     * How long the POST carrying a client's CLOSE waits for its "ok" when no GET was pending (ms): a GET the client
     * sent before it got that "ok" may reach its thread this late on a busy server, and still ends with a NOOP.
     */
    static final long CLIENT_CLOSE_GRACE = 100;
    /** The most client closes remembered at once (a bound on that memory). */
    static final int MAX_CLIENT_CLOSES = 10_000;

    private final EngineOptions options;
    private final EngineScheduler scheduler;
    private final Executor executor;
    private final boolean ownsExecutor;
    private ExecutorService ownPool; // guarded by this: the executor, or the fallback of a given one
    private boolean warnedFallback; // guarded by this
    private final Cors cors;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    /**
     * sid to its client's CLOSE, oldest first, kept {@link #CLIENT_CLOSE_MEMORY} ms (pruned as new ones come: no
     * timer). Guarded by itself.
     */
    private final Map<String, ClientClose> clientCloses = new LinkedHashMap<>();

    /**
     * A client's CLOSE over polling: when it was handled, whether its POST waits {@link #CLIENT_CLOSE_GRACE}
     * before its "ok", and when that "ok" left ({@link System#nanoTime()}; {@code answered} false until then).
     */
    private static final class ClientClose {
        final long at;
        final boolean grace;
        volatile boolean answered;
        volatile long answeredAt;

        ClientClose(long at, boolean grace) {
            this.at = at;
            this.grace = grace;
        }
    }
    private volatile EngineConnectionListener connectionListener = s -> { };
    private volatile boolean closed;

    /**
     * Creates a server whose listener calls run on its own bounded pool ({@link #DEFAULT_DISPATCH_THREADS}
     * daemon threads named {@code sio4ee-dispatch-N}), stopped by {@link #close()}.
     * <pre>{@code new EngineServer(EngineOptions.defaults(), scheduler)}</pre>
     *
     * @param options   the settings
     * @param scheduler the timer service for heartbeats and timeouts
     */
    public EngineServer(EngineOptions options, EngineScheduler scheduler) {
        this(options, scheduler, null);
    }

    /**
     * Creates a server whose listener calls run on the given executor (a container's
     * {@code ManagedExecutorService}), each session's in order; {@code null} starts the default pool.
     * <pre>{@code new EngineServer(EngineOptions.defaults(), scheduler, managedExecutor)}</pre>
     *
     * @param options   the settings
     * @param scheduler the timer service for heartbeats and timeouts (it only schedules: the work of a timer that
     *                  reaches application code is handed to the session's dispatcher)
     * @param executor  where application code runs, or null for the default pool
     */
    public EngineServer(EngineOptions options, EngineScheduler scheduler, Executor executor) {
        this.options = options;
        this.scheduler = scheduler;
        this.cors = new Cors(options);
        this.ownsExecutor = executor == null;
        this.ownPool = ownsExecutor ? defaultPool() : null;
        this.executor = ownsExecutor ? ownPool : executor;
    }

    private static ExecutorService defaultPool() {
        AtomicInteger count = new AtomicInteger();
        // the queue holds at most one turn per session with work, so the session count bounds it
        ThreadPoolExecutor pool = new ThreadPoolExecutor(DEFAULT_DISPATCH_THREADS, DEFAULT_DISPATCH_THREADS,
                60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "sio4ee-dispatch-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * Where application code runs: the executor given to the constructor, or the server's own pool. Work that
     * belongs to no session (a broadcast's ack timeout) runs here too.
     * <pre>{@code engine.executor().execute(() -> notifyAll(result));}</pre>
     *
     * @return the executor
     */
    public Executor executor() {
        return executor;
    }

    /** Where a turn goes when the executor refuses it: the server's own pool, started on first use. */
    Executor fallbackExecutor() {
        return ownsExecutor ? executor : this::runOnFallback;
    }

    private void runOnFallback(Runnable task) {
        ExecutorService pool;
        synchronized (this) {
            if (ownPool == null) {
                ownPool = defaultPool();
            }
            pool = ownPool;
            if (!warnedFallback) {
                warnedFallback = true;
                LOG.log(System.Logger.Level.WARNING, "the executor {0} refused work (its pool is full?): "
                        + "deliveries it refuses run on sio4ee''s own pool. Give it more threads, or name another "
                        + "one (dev.sio4ee.EXECUTOR)", executor);
            }
        }
        pool.execute(task);
    }

    /**
     * How much a session's queue of deliveries may weigh (message bytes plus a small cost per call) before the
     * session is closed with {@code transport error}: {@link #DISPATCH_LIMIT}, or twice
     * {@code maxHttpBufferSize} if that is more.
     * <pre>{@code engine.dispatchLimit() // 16777216 by default}</pre>
     *
     * @return the limit
     */
    public long dispatchLimit() {
        return Math.max(DISPATCH_LIMIT, 2L * options.maxHttpBufferSize());
    }

    /**
     * Sets the callback for new sessions. It runs before the session can receive anything, so it should set
     * the session's listener.
     * <pre>{@code engine.onConnection(session -> session.listener(myListener));}</pre>
     *
     * @param listener the callback
     */
    public void onConnection(EngineConnectionListener listener) {
        this.connectionListener = listener;
    }

    /**
     * The settings.
     * <pre>{@code engine.options().pingInterval()}</pre>
     *
     * @return the options
     */
    public EngineOptions options() {
        return options;
    }

    /**
     * The origin policy.
     * <pre>{@code engine.cors().allows(request)}</pre>
     *
     * @return the policy
     */
    public Cors cors() {
        return cors;
    }

    /**
     * The scheduler behind this server's heartbeats and timeouts, for a transport's own short waits.
     * <pre>{@code engine.scheduler().schedule(peer::closeNow, 3_000);}</pre>
     *
     * @return the scheduler
     */
    public EngineScheduler scheduler() {
        return scheduler;
    }

    /**
     * The number of open sessions.
     * <pre>{@code engine.clientsCount() // 0 after every client left}</pre>
     *
     * @return the count
     */
    public int clientsCount() {
        return sessions.size();
    }

    /**
     * Looks a session up by sid.
     * <pre>{@code engine.session(sid).ifPresent(EngineSession::close);}</pre>
     *
     * @param sid the session id
     * @return the session, if open
     */
    public Optional<EngineSession> session(String sid) {
        return Optional.ofNullable(sid == null ? null : sessions.get(sid));
    }

    /**
     * Handles one HTTP request under the Engine.IO path. Always completes the exchange, now or later.
     * <pre>{@code engine.handlePolling(exchange);}</pre>
     *
     * @param exchange the request
     */
    public void handlePolling(PollingExchange exchange) {
        try {
            dispatch(exchange);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "request failed: " + exchange.url(), e);
            respondError(exchange, 500, EngineError.BAD_REQUEST, "internal error");
        }
    }

    private void dispatch(PollingExchange exchange) {
        String origin = exchange.header("Origin");
        if ("OPTIONS".equals(exchange.method())) {
            if (Cors.isMalformed(origin)) {
                reject(exchange, EngineError.BAD_REQUEST, null);
            } else if (origin == null || !cors.allows(exchange)) {
                reject(exchange, EngineError.FORBIDDEN, null);
            } else {
                exchange.respond(204, cors.preflightHeaders(exchange), new byte[0]);
            }
            return;
        }
        EngineError error = verify(exchange);
        if (error != null) {
            reject(exchange, error, null);
            return;
        }
        String sid = sidOf(exchange);
        if (sid != null) {
            EngineSession session = sessions.get(sid);
            if (session == null) {
                if (arrivedBeforeClientClose(sid, exchange)
                        && EngineOptions.POLLING.equals(exchange.query("transport"))) {
                    respondNoop(exchange);
                } else {
                    reject(exchange, EngineError.UNKNOWN_SID, null);
                }
                return;
            }
            // as Node: a plain HTTP request must name the session's current transport (TRANSPORT_MISMATCH)
            pollingOf(session).filter(p -> EngineOptions.POLLING.equals(exchange.query("transport")))
                    .ifPresentOrElse(p -> p.onRequest(exchange),
                            () -> reject(exchange, EngineError.BAD_REQUEST, null));
            return;
        }
        if (!"GET".equals(exchange.method())) {
            reject(exchange, EngineError.BAD_HANDSHAKE_METHOD, null);
            return;
        }
        if (EngineOptions.WEBSOCKET.equals(exchange.query("transport"))) {
            reject(exchange, EngineError.BAD_REQUEST, null);
            return;
        }
        AllowRequest.Verdict verdict = options.allowRequest().check(exchange);
        if (!verdict.allowed()) {
            reject(exchange, EngineError.FORBIDDEN, verdict.message());
            return;
        }
        if (!"4".equals(exchange.query("EIO"))) {
            reject(exchange, EngineError.UNSUPPORTED_PROTOCOL_VERSION, null);
            return;
        }
        if (closed) {
            reject(exchange, EngineError.BAD_REQUEST, "server shutting down");
            return;
        }
        EngineSession session = newSession(exchange);
        PollingTransport polling = new PollingTransport(session, this);
        polling.handshakeCookie(cookieHeader(session));
        register(session, polling);
        polling.onRequest(exchange);
    }

    private static Optional<PollingTransport> pollingOf(EngineSession session) {
        return Optional.ofNullable(session.currentTransport() instanceof PollingTransport p ? p : null);
    }

    /** The sid of a request; an empty {@code sid=} counts as none, a new handshake, as in Node. */
    private static String sidOf(RequestInfo request) {
        String sid = request.query("sid");
        return sid == null || sid.isEmpty() ? null : sid;
    }

    /** The checks shared by both transports; null when the request may proceed. */
    private EngineError verify(RequestInfo request) {
        String transport = request.query("transport");
        if (transport == null || !options.transports().contains(transport)) {
            return EngineError.UNKNOWN_TRANSPORT;
        }
        String origin = request.header("Origin");
        if (Cors.isMalformed(origin)) {
            return EngineError.BAD_REQUEST;
        }
        if (!cors.allows(origin, request)) {
            return EngineError.FORBIDDEN;
        }
        return null;
    }

    /**
     * Handles a new WebSocket connection under the Engine.IO path: a direct WebSocket session (no sid) or the
     * upgrade of a long-polling session (with sid). A refused connection is closed with code 1008 and the
     * error JSON as reason.
     * <pre>{@code WebSocketHandler handler = engine.openWebSocket(peer); // feed it the frames}</pre>
     *
     * @param peer the connection
     * @return the handler for the connection's frames (a no-op one if the connection was refused)
     */
    public WebSocketHandler openWebSocket(WebSocketPeer peer) {
        return openWebSocket(peer, false);
    }

    /**
     * Handles a new WebSocket connection whose upgrade request {@link #refuseUpgrade} already accepted (when
     * {@code checked}): the {@link AllowRequest} hook is not asked a second time.
     * <pre>{@code WebSocketHandler handler = engine.openWebSocket(peer, true);}</pre>
     *
     * @param peer    the connection
     * @param checked whether {@link #refuseUpgrade} accepted its upgrade request
     * @return the handler for the connection's frames (a no-op one if the connection was refused)
     */
    public WebSocketHandler openWebSocket(WebSocketPeer peer, boolean checked) {
        try {
            return accept(peer, checked);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "websocket failed: " + peer.url(), e);
            peer.close(CLOSE_INTERNAL_ERROR, "internal error");
            return NoopHandler.INSTANCE;
        }
    }

    /**
     * Checks a WebSocket upgrade request before the container upgrades it, as Node does in {@code handleUpgrade}:
     * transport, origin, protocol version and sid, then the {@link AllowRequest} hook for a new session. A refused
     * upgrade should be answered with HTTP 400 and the returned message, never upgraded; an accepted one is then
     * opened with {@link #openWebSocket(WebSocketPeer, boolean)} and {@code true}, so the hook is asked once.
     * <pre>{@code
     * String refusal = engine.refuseUpgrade(request);
     * if (refusal != null) { response.setStatus(400); response.getWriter().write(refusal); }
     * }</pre>
     *
     * @param request the HTTP request asking for the upgrade
     * @return the error message to answer with, or null when the upgrade may proceed
     */
    public String refuseUpgrade(RequestInfo request) {
        Refusal refusal = checkWebSocket(request, true);
        return refusal == null ? null : refusal.message() != null ? refusal.message() : refusal.error().message();
    }

    /** Why a WebSocket request may not proceed (the message null for the error's own), or null. */
    private record Refusal(EngineError error, String message) {
    }

    /**
     * The checks of a WebSocket request, in Node's order: transport, origin, sid; for a new session the
     * {@link AllowRequest} hook (when {@code askHook}), then the protocol version; a closed server refuses all.
     */
    private Refusal checkWebSocket(RequestInfo request, boolean askHook) {
        EngineError error = verify(request);
        if (error == null && !EngineOptions.WEBSOCKET.equals(request.query("transport"))) {
            error = EngineError.BAD_REQUEST;
        }
        String sid = sidOf(request);
        if (error == null && sid != null && !sessions.containsKey(sid)) {
            error = EngineError.UNKNOWN_SID;
        }
        if (error == null && sid == null) {
            AllowRequest.Verdict verdict = askHook ? options.allowRequest().check(request) : AllowRequest.Verdict.ALLOW;
            if (!verdict.allowed()) {
                return new Refusal(EngineError.FORBIDDEN, verdict.message());
            }
            if (!"4".equals(request.query("EIO"))) {
                error = EngineError.UNSUPPORTED_PROTOCOL_VERSION;
            }
        }
        if (error == null && closed) {
            error = EngineError.BAD_REQUEST;
        }
        return error == null ? null : new Refusal(error, null);
    }

    private WebSocketHandler accept(WebSocketPeer peer, boolean checked) {
        Refusal refusal = checkWebSocket(peer, !checked);
        String sid = sidOf(peer);
        if (refusal == null && sid != null) {
            EngineSession session = sessions.get(sid);
            WebSocketTransport ws = session == null ? null
                    : new WebSocketTransport(session, peer, options.maxHttpBufferSize());
            if (ws != null && session.beginUpgrade(ws)) {
                return ws;
            }
            refusal = session == null ? new Refusal(EngineError.UNKNOWN_SID, null)
                    : new Refusal(EngineError.BAD_REQUEST, "session cannot upgrade");
        }
        if (refusal != null) {
            peer.close(CLOSE_REFUSED, refusal(refusal.error(), refusal.message()));
            return NoopHandler.INSTANCE;
        }
        EngineSession session = newSession(peer);
        WebSocketTransport ws = new WebSocketTransport(session, peer, options.maxHttpBufferSize());
        register(session, ws);
        return ws;
    }

    /**
     * The error JSON for a refused WebSocket. A close reason holds 123 UTF-8 bytes at most (RFC 6455 5.5; the
     * container rejects longer ones), so a long message is shortened, keeping the JSON valid.
     */
    static String refusal(EngineError error, String message) {
        String m = message == null ? error.message() : message;
        if (utf8Length(error.json(m)) <= MAX_CLOSE_REASON_BYTES) {
            return error.json(m);
        }
        m = m.substring(0, Math.min(m.length(), MAX_CLOSE_REASON_BYTES)); // every char costs a byte at least
        while (!m.isEmpty() && utf8Length(error.json(m)) > MAX_CLOSE_REASON_BYTES) {
            int cut = m.length() - 1;
            if (cut > 0 && Character.isLowSurrogate(m.charAt(cut)) && Character.isHighSurrogate(m.charAt(cut - 1))) {
                cut--;
            }
            m = m.substring(0, cut);
        }
        return error.json(m);
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private EngineSession newSession(RequestInfo request) {
        return new EngineSession(SessionIds.generate(), this, EngineRequest.copyOf(request));
    }

    private void register(EngineSession session, Transport first) {
        sessions.put(session.id(), session);
        // open first: the OPEN packet must precede whatever the callback sends, and transport() must work in it
        session.open(first);
        try {
            connectionListener.onConnection(session);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "connection listener failed", e);
        }
        if (closed) {
            session.close();
        }
    }

    void remove(EngineSession session) {
        sessions.remove(session.id(), session);
    }

    /**
     * The client of a polling session closed it with a CLOSE packet. A GET it sent before it got the POST's "ok"
     * may run after that on another thread; had it run first, it would have been pending and released with a
     * NOOP. Remembering the close lets it end the same way whichever ran first (see
     * {@link #arrivedBeforeClientClose}); a GET sent after the "ok" gets 400 "Session ID unknown", as in Node.
     *
     * @param grace whether no GET was pending (the POST's "ok" then waits {@link #CLIENT_CLOSE_GRACE})
     */
    void rememberClientClose(String sid, boolean grace) {
        long now = System.nanoTime();
        synchronized (clientCloses) {
            pruneClientCloses(now);
            if (clientCloses.size() < MAX_CLIENT_CLOSES) {
                clientCloses.put(sid, new ClientClose(now, grace));
            }
        }
    }

    private ClientClose clientClose(String sid) {
        synchronized (clientCloses) {
            pruneClientCloses(System.nanoTime());
            return clientCloses.get(sid);
        }
    }

    private void pruneClientCloses(long now) {
        long memory = CLIENT_CLOSE_MEMORY * 1_000_000;
        var oldest = clientCloses.values().iterator();
        while (oldest.hasNext() && now - oldest.next().at > memory) {
            oldest.remove();
        }
    }

    /** How long the POST that carried this session's client CLOSE waits before its "ok" (ms), 0 for none. */
    long clientCloseGrace(String sid) {
        ClientClose c = clientClose(sid);
        return c != null && c.grace && !c.answered ? CLIENT_CLOSE_GRACE : 0;
    }

    /** The POST that carried this session's client CLOSE is being answered now. */
    void clientCloseAnswered(String sid) {
        ClientClose c = clientClose(sid);
        if (c != null) {
            c.answeredAt = System.nanoTime();
            c.answered = true;
        }
    }

    /** Whether this is a GET that arrived before its client got the "ok" to its CLOSE (see rememberClientClose). */
    boolean arrivedBeforeClientClose(String sid, PollingExchange exchange) {
        if (!"GET".equals(exchange.method())) {
            return false;
        }
        ClientClose c = clientClose(sid);
        return c != null && (!c.answered || exchange.arrivalNanos() - c.answeredAt < 0);
    }

    /** Ends a long-polling GET with a NOOP, the way a pending GET is released when its client closes. */
    void respondNoop(PollingExchange exchange) {
        Map<String, String> headers = new LinkedHashMap<>(cors.responseHeaders(exchange));
        headers.put("Content-Type", "text/plain; charset=UTF-8");
        exchange.respond(200, headers, new byte[] {'6'});
    }

    private String cookieHeader(EngineSession session) {
        String name = options.cookieName();
        return name == null ? null : name + "=" + session.id() + "; Path=/; HttpOnly; SameSite=Lax";
    }

    /** Answers with an Engine.IO error (status from the error). */
    void reject(PollingExchange exchange, EngineError error, String message) {
        respondError(exchange, error.status(), error, message);
    }

    void respondError(PollingExchange exchange, int status, EngineError error, String message) {
        respondError(exchange, status, error, message, Map.of());
    }

    void respondError(PollingExchange exchange, int status, EngineError error, String message,
                      Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(cors.responseHeaders(exchange));
        headers.putAll(extraHeaders);
        headers.put("Content-Type", "application/json");
        exchange.respond(status, headers, error.jsonBytes(message));
    }

    /**
     * Closes every session as {@link EngineSession#close()} does (buffered packets first, then a CLOSE packet:
     * at once to a pending long-polling GET, else to the next one; listeners hear
     * {@link CloseReason#FORCED_CLOSE}) and refuses new ones.
     * <pre>{@code engine.close();}</pre>
     */
    public void close() {
        closed = true;
        for (EngineSession s : new ArrayList<>(sessions.values())) {
            s.close();
        }
        synchronized (this) {
            if (ownPool != null) {
                ownPool.shutdown(); // what is queued still runs; the threads end after it
            }
        }
    }

    private enum NoopHandler implements WebSocketHandler {
        INSTANCE;

        @Override
        public void onText(String text) {
        }

        @Override
        public void onBinary(byte[] data) {
        }

        @Override
        public void onClose(int code, String reason) {
        }

        @Override
        public void onError(Throwable error) {
        }
    }
}
