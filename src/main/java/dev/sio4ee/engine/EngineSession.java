package dev.sio4ee.engine;

import dev.sio4ee.engine.parser.EnginePacket;
import dev.sio4ee.engine.parser.EnginePacketType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Engine.IO session (socket.io's engine {@code Socket}): its id, current transport, write buffer,
 * heartbeat and upgrade. Thread-safe: any thread may send or close; state changes happen under the session's
 * lock, and the {@link EngineSessionListener} is called after the lock is released, one call at a time, in
 * order, on the session's serial dispatcher: a thread of the server's executor, never the thread of another
 * session, a timer or the caller that queued the call (see {@link #dispatch(Runnable)}).
 *
 * <pre>{@code
 * engine.onConnection(session -> {
 *     session.listener(new EngineSessionListener() {
 *         public void onMessage(EngineSession s, String text) { s.send("echo: " + text); }
 *     });
 *     session.send("welcome");
 * });
 * }</pre>
 */
public final class EngineSession {
    private static final System.Logger LOG = System.getLogger(EngineSession.class.getName());
    private static final long UPGRADE_CHECK_INTERVAL = 100;

    private enum State { OPEN, CLOSING, CLOSED }

    private final String id;
    private final EngineServer server;
    private final EngineRequest request;
    private final EngineOptions options;
    private final EngineScheduler scheduler;

    private State state = State.OPEN;
    private Transport transport;
    private WebSocketTransport upgrading;
    private boolean upgraded;
    private boolean closeWhenDrained;
    private final List<EnginePacket> writeBuffer = new ArrayList<>();
    /** The size of {@link #writeBuffer}, as {@link #sizeOf} counts it. */
    private long writeBufferBytes;
    /** Network work the transports asked for while the lock was held; run by {@link #execute} after it. */
    private List<Runnable> io = new ArrayList<>();
    /** Whether the session was closed because the client fell more than maxBufferedBytes behind. */
    private boolean overflowed;
    private EngineScheduler.Cancellable pingIntervalTimer = EngineScheduler.Cancellable.NONE;
    private EngineScheduler.Cancellable pingTimeoutTimer = EngineScheduler.Cancellable.NONE;
    private EngineScheduler.Cancellable upgradeTimer = EngineScheduler.Cancellable.NONE;
    private EngineScheduler.Cancellable upgradeCheckTimer = EngineScheduler.Cancellable.NONE;
    private volatile long lastPacketTime;
    private volatile EngineSessionListener listener = EngineSessionListener.NONE;

    private final SerialDispatcher dispatcher;
    private final AtomicBoolean fellBehind = new AtomicBoolean();

    EngineSession(String id, EngineServer server, EngineRequest request) {
        this.id = id;
        this.server = server;
        this.request = request;
        this.options = server.options();
        this.scheduler = server.scheduler();
        this.lastPacketTime = scheduler.nowMillis();
        this.dispatcher = new SerialDispatcher(id, server.executor(), server.fallbackExecutor(),
                server.dispatchLimit());
    }

    /**
     * The session id ({@code sid}), 20 random base64url characters.
     * <pre>{@code String sid = session.id();}</pre>
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * A copy of the request that opened the session.
     * <pre>{@code session.request().query("EIO") // "4"}</pre>
     *
     * @return the handshake request
     */
    public EngineRequest request() {
        return request;
    }

    /**
     * The current transport's name.
     * <pre>{@code session.transport() // "polling" or "websocket"}</pre>
     *
     * @return the name
     */
    public synchronized String transport() {
        return transport.name();
    }

    /**
     * Whether the session is closed.
     * <pre>{@code if (session.isClosed()) return;}</pre>
     *
     * @return true once closed
     */
    public synchronized boolean isClosed() {
        return state == State.CLOSED;
    }

    /**
     * Whether a packet sent now would leave at once (a long-polling GET is waiting, or the WebSocket is not
     * congested) and less than half of {@link EngineOptions#maxBufferedBytes()} waits for this client. Volatile
     * packets are dropped when this is false.
     * <pre>{@code if (session.isWritable()) session.send(frame);}</pre>
     *
     * @return true if writable now
     */
    public synchronized boolean isWritable() {
        if (state != State.OPEN || !transport.writable()
                || writeBufferBytes + transport.bufferedBytes() > options.maxBufferedBytes() / 2) {
            return false;
        }
        return !(transport instanceof WebSocketTransport ws) || ws.congestionFree();
    }

    /**
     * The bytes waiting to go out to this client: its write buffer and its transport's send queue (text counted
     * in chars). Past {@link EngineOptions#maxBufferedBytes()} the session closes with
     * {@link CloseReason#TRANSPORT_ERROR}.
     * <pre>{@code long behind = session.bufferedBytes();}</pre>
     *
     * @return the queued size, 0 once closed
     */
    public synchronized long bufferedBytes() {
        return state == State.CLOSED ? 0 : writeBufferBytes + transport.bufferedBytes();
    }

    /**
     * Sets who hears this session's messages and close. Call it in the connection callback, before returning.
     * <pre>{@code session.listener(myListener);}</pre>
     *
     * @param listener the listener
     */
    public void listener(EngineSessionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Sends a text message.
     * <pre>{@code session.send("hello");}</pre>
     *
     * @param text the message
     */
    public void send(String text) {
        send(List.of(EnginePacket.message(text)));
    }

    /**
     * Sends a binary message.
     * <pre>{@code session.send(new byte[] {1, 2, 3});}</pre>
     *
     * @param data the message
     */
    public void send(byte[] data) {
        send(List.of(EnginePacket.message(data)));
    }

    /**
     * Sends several MESSAGE packets together (they leave in one long-polling response when possible). Ignored
     * once the session is closing.
     * <pre>{@code session.send(List.of(EnginePacket.message("51-[...]"), EnginePacket.message(bytes)));}</pre>
     *
     * @param packets the packets
     */
    public void send(List<EnginePacket> packets) {
        execute(() -> {
            if (state == State.OPEN) {
                bufferLocked(packets);
                flushLocked();
                checkBufferLocked();
            }
        });
    }

    /**
     * Closes the session from the server side: buffered packets are flushed first, then the transport is
     * closed, and the listener hears {@link CloseReason#FORCED_CLOSE}.
     * <pre>{@code session.close();}</pre>
     */
    public void close() {
        execute(() -> {
            if (state != State.OPEN) {
                return;
            }
            state = State.CLOSING;
            if (writeBuffer.isEmpty()) {
                closeTransportLocked();
            } else {
                closeWhenDrained = true;
            }
        });
    }

    /**
     * Closes the session at once with the given reason, without waiting for buffered packets.
     * <pre>{@code session.close(CloseReason.SERVER_SHUTTING_DOWN, null);}</pre>
     *
     * @param reason      the reason the listener hears
     * @param description details, or {@code null}
     */
    public void close(CloseReason reason, String description) {
        execute(() -> closeLocked(reason, description));
    }

    // ---- internals, used by the server and the transports ----

    synchronized Transport currentTransport() {
        return transport;
    }

    EngineScheduler scheduler() {
        return scheduler;
    }

    /**
     * Runs application code on this session's serial dispatcher: after the listener calls and tasks queued before
     * it, one at a time, on a thread of the server's executor, never on the calling thread. The Socket.IO layer
     * hands it what must run in the session's order (timeouts, disconnections asked from other threads). When the
     * session's queue is past its limit ({@link EngineServer#dispatchLimit()}) the session is closed with
     * {@link CloseReason#TRANSPORT_ERROR}; the task still runs.
     * <pre>{@code session.dispatch(() -> log("after every delivery queued so far"));}</pre>
     *
     * @param task the task; an exception it throws is logged
     */
    public void dispatch(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (!dispatcher.offer(task, 0)) {
            dispatcher.force(task);
            execute(() -> fellBehindLocked());
        }
        dispatcher.kick();
    }

    /**
     * Whether the calling thread is running this session's application code now (a listener call or a task of
     * {@link #dispatch(Runnable)}).
     * <pre>{@code if (session.inDispatch()) task.run(); else session.dispatch(task);}</pre>
     *
     * @return true on this session's dispatcher thread
     */
    public boolean inDispatch() {
        return dispatcher.isCurrent();
    }

    /**
     * Runs state-changing work under the lock, then the network work it asked for ({@link #afterUnlock}) on this
     * thread, outside the lock, and makes sure the listener calls it queued will run on the dispatcher.
     */
    void execute(Runnable lockedWork) {
        boolean outermost = !Thread.holdsLock(this); // a nested call leaves the writes to the outer one
        List<Runnable> writes = List.of();
        synchronized (this) {
            lockedWork.run();
            if (outermost && !io.isEmpty()) {
                writes = io;
                io = new ArrayList<>();
            }
        }
        runIo(writes);
        dispatcher.kick();
    }

    /**
     * Asks for network work (a polling response, a WebSocket flush or close) to run once the lock is released, in
     * the order asked. Lock held.
     */
    void afterUnlock(Runnable write) {
        io.add(write);
    }

    private void runIo(List<Runnable> writes) {
        for (Runnable w : writes) {
            try {
                w.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "write failed on " + id, e);
            }
        }
    }

    /** Queues a listener call (under the lock, so calls keep the order of the work that made them). */
    private void notifyLater(Runnable call) {
        dispatcher.force(call);
    }

    /** Queues the delivery of a message, or closes the session when its application code fell too far behind. */
    private void deliverLater(Runnable call, long bytes) {
        if (!dispatcher.offer(call, bytes)) {
            fellBehindLocked();
        }
    }

    private void fellBehindLocked() {
        if (state == State.CLOSED) {
            return;
        }
        if (fellBehind.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.INFO, "closing session {0}: its application code fell behind ({1} bytes "
                    + "of deliveries queued, limit {2})", id, dispatcher.queuedWeight(), server.dispatchLimit());
        }
        closeLocked(CloseReason.TRANSPORT_ERROR, "application code fell behind");
    }

    /** Attaches the first transport and sends the OPEN packet. */
    void open(Transport first) {
        execute(() -> {
            transport = first;
            String open = "{\"sid\":\"" + id + "\",\"upgrades\":" + jsonArray(options.upgradesFrom(first.name()))
                    + ",\"pingInterval\":" + options.pingInterval() + ",\"pingTimeout\":" + options.pingTimeout()
                    + ",\"maxPayload\":" + options.maxHttpBufferSize() + "}";
            bufferLocked(List.of(EnginePacket.of(EnginePacketType.OPEN, open)));
            flushLocked();
            schedulePingLocked();
        });
    }

    private static String jsonArray(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i > 0 ? "," : "").append(Json.quote(items.get(i)));
        }
        return sb.append(']').toString();
    }

    void flushLocked() {
        if (state == State.CLOSED || writeBuffer.isEmpty() || transport == null || !transport.writable()) {
            return;
        }
        List<EnginePacket> batch = new ArrayList<>(writeBuffer);
        writeBuffer.clear();
        writeBufferBytes = 0;
        transport.send(batch);
        if (closeWhenDrained && writeBuffer.isEmpty()) {
            closeWhenDrained = false;
            closeTransportLocked();
        }
    }

    private void bufferLocked(List<EnginePacket> packets) {
        writeBuffer.addAll(packets);
        for (EnginePacket p : packets) {
            writeBufferBytes += sizeOf(p);
        }
    }

    /** What a packet costs while it waits: its payload (text in chars, which bounds its heap size) plus one. */
    static long sizeOf(EnginePacket p) {
        if (p.binary() != null) {
            return p.binary().length + 1L;
        }
        return p.text() == null ? 1 : p.text().length() + 1L;
    }

    /** Closes a session whose client fell more than maxBufferedBytes behind, freeing what waited for it. */
    private void checkBufferLocked() {
        long queued = writeBufferBytes + transport.bufferedBytes();
        long limit = options.maxBufferedBytes();
        if (queued <= limit || state == State.CLOSED) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "closing session {0} with transport error: {1} bytes wait to go out to "
                + "a client that does not read, above maxBufferedBytes = {2}", id, Long.toString(queued),
                Long.toString(limit));
        overflowed = true;
        closeLocked(CloseReason.TRANSPORT_ERROR, "send buffer above " + limit + " bytes");
    }

    private void closeTransportLocked() {
        transport.close(() -> closeLocked(CloseReason.FORCED_CLOSE, null));
    }

    /** Final close: timers off, transports ended, removed from the server, listener told. */
    void closeLocked(CloseReason reason, String description) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        pingIntervalTimer.cancel();
        pingTimeoutTimer.cancel();
        cancelUpgradeLocked();
        writeBuffer.clear();
        writeBufferBytes = 0;
        if (overflowed) {
            transport.abort();
        } else {
            transport.terminate();
        }
        server.remove(this);
        EngineSessionListener l = listener;
        notifyLater(() -> l.onClose(this, reason, description));
    }

    private void schedulePingLocked() {
        pingIntervalTimer.cancel();
        pingIntervalTimer = scheduler.schedule(() -> execute(() -> {
            if (state != State.OPEN) {
                return;
            }
            bufferLocked(List.of(EnginePacket.PING));
            flushLocked();
            resetPingTimeoutLocked(options.pingTimeout());
        }), options.pingInterval());
    }

    private void resetPingTimeoutLocked(long delay) {
        pingTimeoutTimer.cancel();
        pingTimeoutTimer = scheduler.schedule(() -> execute(this::checkPingTimeoutLocked), delay);
    }

    private void checkPingTimeoutLocked() {
        if (state == State.CLOSED) {
            return;
        }
        long sinceLastPacket = scheduler.nowMillis() - lastPacketTime;
        if (sinceLastPacket < options.pingTimeout()) {
            resetPingTimeoutLocked(options.pingTimeout() - sinceLastPacket);
        } else {
            closeLocked(CloseReason.PING_TIMEOUT, null);
        }
    }

    /** A packet arrived on a transport (no lock held). */
    void onPacket(Transport from, EnginePacket packet) {
        execute(() -> {
            if (from == upgrading && from != transport) {
                onUpgradePacketLocked(upgrading, packet);
                return;
            }
            if (from != transport || state != State.OPEN) {
                return;
            }
            lastPacketTime = scheduler.nowMillis();
            EngineSessionListener l = listener;
            switch (packet.type()) {
                case PONG -> {
                    pingTimeoutTimer.cancel();
                    schedulePingLocked();
                }
                case PING -> closeLocked(CloseReason.TRANSPORT_ERROR, "invalid heartbeat direction");
                case CLOSE -> {
                    // as Node: the client is gone, so a pending GET is released with a NOOP rather than a CLOSE
                    if (transport instanceof PollingTransport polling) {
                        boolean pending = polling.writable();
                        polling.releasePendingGet();
                        // a GET sent before the client got its "ok" but run later ends the same way (a NOOP)
                        server.rememberClientClose(id, !pending);
                    }
                    closeLocked(CloseReason.TRANSPORT_CLOSE, "close packet from client");
                }
                case MESSAGE -> {
                    if (packet.isBinary()) {
                        byte[] data = packet.binary();
                        deliverLater(() -> l.onMessage(this, data), data.length);
                    } else {
                        String text = packet.text();
                        deliverLater(() -> l.onMessage(this, text), 2L * text.length());
                    }
                }
                default -> LOG.log(System.Logger.Level.DEBUG, "ignored {0} packet on {1}", packet.type(), id);
            }
        });
    }

    /** A transport closed or failed (no lock held). */
    void onTransportFailure(Transport from, CloseReason reason, String description) {
        execute(() -> {
            if (from == upgrading && from != transport) {
                failUpgradeLocked(upgrading);
            } else if (from == transport) {
                closeLocked(reason, description);
            }
        });
    }

    /** Starts an upgrade to the given WebSocket; false if this session cannot upgrade now. */
    boolean beginUpgrade(WebSocketTransport ws) {
        boolean[] ok = {false};
        execute(() -> {
            if (state != State.OPEN || upgrading != null || upgraded
                    || !(transport instanceof PollingTransport) || !options.allowUpgrades()) {
                return;
            }
            upgrading = ws;
            upgradeTimer = scheduler.schedule(() -> execute(() -> {
                if (upgrading == ws) {
                    LOG.log(System.Logger.Level.DEBUG, "upgrade of {0} timed out", id);
                    failUpgradeLocked(ws);
                }
            }), options.upgradeTimeout());
            ok[0] = true;
        });
        return ok[0];
    }

    private void onUpgradePacketLocked(WebSocketTransport ws, EnginePacket packet) {
        if (packet.type() == EnginePacketType.PING && "probe".equals(packet.text())) {
            ws.send(List.of(EnginePacket.of(EnginePacketType.PONG, "probe")));
            upgradeCheckTimer.cancel();
            scheduleUpgradeCheckLocked(ws);
        } else if (packet.type() == EnginePacketType.UPGRADE && state != State.CLOSED) {
            cancelUpgradeLocked();
            Transport old = transport;
            transport = ws;
            upgraded = true;
            old.discard();
            EngineSessionListener l = listener;
            notifyLater(() -> l.onUpgrade(this));
            flushLocked();
            if (state == State.CLOSING && !closeWhenDrained) {
                closeTransportLocked();
            }
        } else {
            failUpgradeLocked(ws);
        }
    }

    /**
     * While the client probes, release its pending GET with a NOOP so it can finish the switch quickly. Only a GET
     * that has waited a whole check interval: one that arrives just before the UPGRADE packet is the client's
     * mistake (a client pauses polling before it upgrades) and gets 400 at the switch, as it would had it been
     * handled after it, so the answer does not depend on which thread runs first.
     */
    private void scheduleUpgradeCheckLocked(WebSocketTransport ws) {
        upgradeCheckTimer = scheduler.schedule(() -> execute(() -> {
            if (upgrading != ws) {
                return;
            }
            if (transport instanceof PollingTransport polling && state != State.CLOSED
                    && polling.pendingFor(scheduler.nowMillis()) >= UPGRADE_CHECK_INTERVAL) {
                transport.send(List.of(EnginePacket.NOOP));
            }
            scheduleUpgradeCheckLocked(ws);
        }), UPGRADE_CHECK_INTERVAL);
    }

    private void failUpgradeLocked(WebSocketTransport ws) {
        if (upgrading == ws) {
            cancelUpgradeLocked();
        }
        ws.terminate();
    }

    private void cancelUpgradeLocked() {
        upgradeTimer.cancel();
        upgradeCheckTimer.cancel();
        if (upgrading != null && state == State.CLOSED) {
            upgrading.terminate();
        }
        upgrading = null;
    }

    @Override
    public String toString() {
        return "EngineSession[" + id + "]";
    }
}
