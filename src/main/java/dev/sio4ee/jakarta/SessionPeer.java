package dev.sio4ee.jakarta;

import dev.sio4ee.engine.EngineScheduler;
import dev.sio4ee.engine.spi.WebSocketPeer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link WebSocketPeer} over a JSR-356 {@link Session}: frames are queued (no I/O, so the engine may queue
 * under its lock) and written one at a time with the asynchronous remote once {@link #flush()} starts the
 * writer, so there is exactly one writer per session and nobody blocks on the network. The queue's size in
 * bytes is tracked; the engine closes a client that lets it grow past its limit with {@link #abort}, which frees
 * the queue at once.
 *
 * <p>Closing: the WebSocket is closed on the thread that reads its frames. A close asked for on any other thread
 * (an observer on a dispatcher, a timer) first pings the client and closes when the pong arrives, on the reading
 * thread, or after {@link #PONG_WAIT_MILLIS} without one. On Payara Micro a close on another thread raced with
 * the reading of the client's own close frame: the container resumed and recycled the upgrade request's objects
 * while they were still being read (NullPointerExceptions in Grizzly's filter chain and in
 * {@code requestEndEvent}, and those objects then serving two later requests at once). The abort of a client that
 * does not read, and the close after a failed write, stay immediate: such a client sends nothing.
 */
final class SessionPeer extends RequestView implements WebSocketPeer {
    private static final System.Logger LOG = System.getLogger(SessionPeer.class.getName());
    /** Queue length above which the connection counts as congested (volatile packets are dropped). */
    static final int CONGESTION_THRESHOLD = 256;

    /** How long a close asked for off the reading thread waits for the pong before it closes anyway. */
    static final long PONG_WAIT_MILLIS = 3_000;
    private static final byte[] CLOSING_PING = "sio4ee-close".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private final Session session;
    private volatile java.util.function.Consumer<Throwable> onWriteFailure = e -> { };
    private final ClassLoader sendLoader;
    private final EngineScheduler scheduler;
    /** The thread inside one of this connection's frame callbacks, or null. */
    private volatile Thread reader;
    /** Set once the closing ping went out: the next pong (or the timer) closes. */
    private volatile boolean awaitingPong;
    private volatile EngineScheduler.Cancellable pongWait = EngineScheduler.Cancellable.NONE;
    /** The JSR-356 session is being closed (once). */
    private final AtomicBoolean sessionClosing = new AtomicBoolean();

    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    /** The size of {@link #queue}: binary frames in bytes, text frames in chars. */
    private long queuedBytes;
    private boolean sending;
    private boolean closeRequested;
    private boolean closed;
    private int closeCode;
    private String closeReason;

    /**
     * With the context class loader to send under ({@link SendLoader}), or null to keep the thread's, and the
     * engine's scheduler (for the wait of a closing ping).
     */
    SessionPeer(Session session, Map<String, List<String>> headers, String remoteAddress, Principal principal,
                ClassLoader sendLoader, EngineScheduler scheduler) {
        super(session.getRequestURI().getPath(), session.getQueryString(), headers, remoteAddress, session.isSecure(),
                principal);
        this.session = session;
        this.sendLoader = sendLoader;
        this.scheduler = scheduler;
    }

    /**
     * Runs the handling of a frame received on this connection, on the container's reading thread, which meanwhile
     * counts as this connection's reader (a close asked for there is done at once).
     */
    void reading(Runnable handling) {
        Thread previous = reader;
        reader = Thread.currentThread();
        try {
            handling.run();
        } finally {
            reader = previous;
        }
    }

    /** A pong arrived (on the reading thread): the close that waited for it happens now. */
    void onPong() {
        if (awaitingPong) {
            pongWait.cancel();
            reading(this::closeSession);
        }
    }

    /** Who hears of a failed write (the engine's handler), so the session closes instead of waiting forever. */
    void onWriteFailure(java.util.function.Consumer<Throwable> listener) {
        this.onWriteFailure = listener;
    }

    @Override
    public void sendText(String text) {
        enqueue(text);
    }

    @Override
    public void sendBinary(byte[] data) {
        enqueue(data);
    }

    @Override
    public synchronized boolean isWritable() {
        return !closed && !closeRequested && queue.size() < CONGESTION_THRESHOLD;
    }

    @Override
    public synchronized long bufferedBytes() {
        return queuedBytes;
    }

    @Override
    public void flush() {
        synchronized (this) {
            if (closed || sending || queue.isEmpty()) {
                return;
            }
            sending = true;
        }
        pump();
    }

    @Override
    public void close(int code, String reason) {
        boolean drainFirst;
        synchronized (this) {
            if (closeRequested || closed) {
                return;
            }
            closeRequested = true;
            closeCode = code;
            closeReason = reason;
            if (sending) {
                return; // closes after the queue drained
            }
            drainFirst = !queue.isEmpty(); // frames queued by a thread that did not flush yet leave first
            sending = drainFirst;
        }
        if (drainFirst) {
            pump();
        } else {
            doClose();
        }
    }

    @Override
    public void abort(int code, String reason) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            clearLocked();
            closeRequested = true;
            closeCode = code;
            closeReason = reason;
        }
        LOG.log(System.Logger.Level.DEBUG, "websocket aborted: {0} {1}", code, reason);
        closeSession();
    }

    private void enqueue(Object frame) {
        synchronized (this) {
            if (closed || closeRequested) {
                return;
            }
            queue.add(frame);
            queuedBytes += frame instanceof String text ? text.length() : ((byte[]) frame).length;
        }
    }

    private void clearLocked() {
        queue.clear();
        queuedBytes = 0;
    }

    /** Writes queued frames one at a time; loops when a write completes inline, so the stack stays flat. */
    private void pump() {
        while (true) {
            Object frame;
            synchronized (this) {
                frame = closed ? null : queue.poll();
                if (frame != null) {
                    queuedBytes -= frame instanceof String text ? text.length() : ((byte[]) frame).length;
                }
                if (frame == null) {
                    sending = false;
                    if (!closeRequested) {
                        return;
                    }
                }
            }
            if (frame == null) {
                doClose();
                return;
            }
            AtomicInteger phase = new AtomicInteger(); // 0 writing, 1 write call returned, 2 completed inline
            SendHandler handler = result -> {
                onSent(result);
                if (!phase.compareAndSet(0, 2)) {
                    pump();
                }
            };
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            if (sendLoader != null) {
                thread.setContextClassLoader(sendLoader);
            }
            try {
                if (frame instanceof String text) {
                    session.getAsyncRemote().sendText(text, handler);
                } else {
                    session.getAsyncRemote().sendBinary(ByteBuffer.wrap((byte[]) frame), handler);
                }
            } catch (RuntimeException e) {
                failed(e);
                return;
            } finally {
                thread.setContextClassLoader(previous);
            }
            if (phase.compareAndSet(0, 1)) {
                return; // the handler continues
            }
        }
    }

    private void onSent(SendResult result) {
        if (!result.isOK()) {
            failed(result.getException());
        }
    }

    private void failed(Throwable error) {
        boolean first;
        synchronized (this) {
            first = !closed;
            closed = true;
            clearLocked();
            sending = false;
        }
        if (first) {
            // a client that went away (its connection closed or reset) is no problem of the server's
            System.Logger.Level level = error instanceof IOException || !session.isOpen()
                    ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING;
            LOG.log(level, "websocket write failed, closing the connection: {0}", String.valueOf(error));
            onWriteFailure.accept(error == null ? new IOException("websocket write failed") : error);
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "write failed"));
            } catch (IOException | IllegalStateException e) {
                LOG.log(System.Logger.Level.DEBUG, "websocket close failed", e);
            }
        }
    }

    private void doClose() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            clearLocked();
        }
        if (reader == Thread.currentThread()) {
            closeSession();
            return;
        }
        // off the reading thread: close from there, once the client answered this ping, or after a wait
        pongWait = scheduler.schedule(this::closeSession, PONG_WAIT_MILLIS);
        awaitingPong = true;
        try {
            session.getAsyncRemote().sendPing(ByteBuffer.wrap(CLOSING_PING));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing ping failed; closing at once", e);
            pongWait.cancel();
            closeSession();
        }
    }

    private void closeSession() {
        if (!sessionClosing.compareAndSet(false, true)) {
            return;
        }
        try {
            if (session.isOpen()) {
                String reason = closeReason == null ? "" : closeReason;
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(closeCode), reason));
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(System.Logger.Level.DEBUG, "websocket close failed", e);
        }
    }
}
