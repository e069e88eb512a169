package dev.sio4ee.jakarta;

import dev.sio4ee.engine.spi.PollingExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link PollingExchange} over a servlet request. Nothing here blocks on the network: neither a slow upload
 * nor a client that reads its response slowly holds a thread.
 *
 * <p>Most requests are answered inside {@code service()} without asynchronous mode: a handshake, a GET with
 * packets waiting, a POST whose body came with its headers (read from what the container already holds). An
 * answer written there is at most the response buffer's size, so writing it only fills the buffer; the container
 * sends it when {@code service()} returns. Asynchronous mode is entered only when it is needed: for a GET that
 * waits (when {@code service()} returns), for a body still on its way (read with a {@link ReadListener}), and for
 * an answer larger than the buffer (written with a {@link WriteListener}).
 *
 * <p>Threads: an answer another thread gives while {@code service()} runs (a timer, the POST of the same
 * session) is written by the service thread as it leaves. An answer given after {@code service()} returned is
 * written on the container's async thread ({@link AsyncContext#start}), so the container's CDI request listeners
 * for this request never run inside another request. The request is completed only once the container-initiated
 * dispatch has returned to the container, never from inside it: Payara Micro completes a request completed during
 * its dispatch from within the end of that dispatch and leaves the recycled request object marked as "after
 * service"; the next request that reuses the object and upgrades to a WebSocket is then recycled under its own
 * service thread as soon as that WebSocket closes (a NullPointerException or IllegalStateException in
 * {@code requestEndEvent} or in Tyrus' upgrade, then Weld's leak warnings WELD-000714/000225/000335).
 */
final class ServletExchange extends RequestView implements PollingExchange, AsyncListener {
    private static final System.Logger LOG = System.getLogger(ServletExchange.class.getName());
    /** How long a completion waits for the dispatch to return to the container (microseconds in practice). */
    private static final long DISPATCH_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String method;
    private final long arrivalNanos;
    private final long timeoutMillis;
    /** The container thread running {@code service()} for this request. */
    private final Thread serviceThread = Thread.currentThread();
    /** A thread inside one of this request's read callbacks, or null. */
    private volatile Thread callbackThread;
    private volatile Runnable abortAction;
    private volatile Body body;

    // guarded by this
    private boolean done;
    private boolean serviceReturned;
    /** Null until the request needs asynchronous mode. */
    private AsyncContext async;
    /** An answer another thread gave while {@code service()} still ran: the service thread writes it as it leaves. */
    private Runnable answerOnLeaving;
    /**
     * The asynchronous request is over (completed, timed out or failed): the container may recycle the request and
     * response objects for another client's request, so nothing may touch them any more.
     */
    private boolean over;

    /** Wraps a request; call it inside {@code service()}, on the service thread. */
    ServletExchange(HttpServletRequest request, HttpServletResponse response, long timeoutMillis, long arrivalNanos) {
        super(request);
        this.request = request;
        this.response = response;
        this.method = request.getMethod();
        this.arrivalNanos = arrivalNanos;
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public long arrivalNanos() {
        return arrivalNanos;
    }

    /** Puts the request in asynchronous mode, once; only on the service thread, before {@code service()} returns. */
    private synchronized AsyncContext startAsync() {
        if (async == null) {
            async = request.startAsync(request, response);
            async.setTimeout(timeoutMillis);
            async.addListener(this);
        }
        return async;
    }

    @Override
    public void readBody(int limit, BodyReader reader) {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            reader.onError(new BodyTooLargeException(limit));
            return;
        }
        ServletInputStream in;
        byte[] ready;
        try {
            in = request.getInputStream();
            ready = declared >= 0 && inService() ? readHeld(in, (int) declared) : null;
        } catch (IOException | IllegalStateException e) {
            reader.onError(e instanceof IOException io ? io : new IOException(e));
            return;
        }
        if (ready != null) {
            inCallback(() -> reader.onBody(ready));
            return;
        }
        // (part of) the body is still on its way: read it as it comes, without holding this thread
        Body b = new Body(in, limit, reader);
        body = b;
        try {
            startAsync();
            in.setReadListener(b);
        } catch (IllegalStateException e) {
            b.fail(new IOException(e));
        }
    }

    /**
     * The whole body if the container already holds all of it ({@code available()} counts the bytes readable
     * without blocking), else null, having read nothing.
     */
    private static byte[] readHeld(ServletInputStream in, int length) throws IOException {
        if (length > 0 && in.available() < length) {
            return null;
        }
        byte[] data = new byte[length];
        int off = 0;
        while (off < length) {
            int n = in.read(data, off, length - off);
            if (n == -1) {
                throw new IOException("the body ended after " + off + " of its " + length + " bytes");
            }
            off += n;
        }
        return data;
    }

    /**
     * Called by the servlet, on the service thread, when {@code service()} is about to return: writes an answer
     * another thread gave meanwhile, or puts a request still waiting for its answer in asynchronous mode.
     */
    void serviceReturned() {
        Runnable answer;
        synchronized (this) {
            answer = answerOnLeaving;
            answerOnLeaving = null;
        }
        if (answer != null) {
            answer.run(); // still inside service(), on its thread
        }
        synchronized (this) {
            if (!done) {
                startAsync();
            }
            serviceReturned = true;
        }
    }

    /** True on the service thread before {@code service()} returned. */
    private synchronized boolean inService() {
        return Thread.currentThread() == serviceThread && !serviceReturned;
    }

    @Override
    public boolean respond(int status, Map<String, String> responseHeaders, byte[] content) {
        Runnable answer = () -> write(status, responseHeaders, content);
        boolean now;
        AsyncContext parked;
        synchronized (this) {
            if (done) {
                return false;
            }
            done = true;
            Thread t = Thread.currentThread();
            if (!serviceReturned && t != serviceThread) {
                answerOnLeaving = answer;
                return true;
            }
            // after service() returned, the service thread may be serving another request: not "now" then
            now = !serviceReturned || t == callbackThread;
            parked = async;
        }
        if (now) {
            answer.run();
            return true;
        }
        try {
            parked.start(answer);
        } catch (IllegalStateException e) {
            // the request is already over and its objects may serve another client now: never write then
            LOG.log(System.Logger.Level.DEBUG, "request over before its answer: " + url(), e);
        }
        return true;
    }

    /**
     * Sets status and headers and writes the body: straight into the response buffer inside {@code service()} when
     * it fits there, else through a write listener in asynchronous mode. Nothing if the request is over. Under this
     * exchange's monitor, which the end of the request also takes, so the two never overlap.
     */
    private synchronized void write(int status, Map<String, String> responseHeaders, byte[] content) {
        if (over) {
            return;
        }
        try {
            response.setStatus(status);
            responseHeaders.forEach(response::setHeader);
            response.setContentLength(content.length);
            ServletOutputStream out = response.getOutputStream();
            if (async == null && content.length <= response.getBufferSize()) {
                out.write(content); // fills the buffer only; the container sends it when service() returns
                return;
            }
            startAsyncIfInService();
            out.setWriteListener(new Writer(out, content));
        } catch (IOException | IllegalStateException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not write the response to " + url(), e);
            complete();
        }
    }

    private void startAsyncIfInService() {
        if (async == null && inService()) {
            startAsync();
        }
    }

    /**
     * Ends an asynchronous request, once, after its dispatch returned to the container; afterwards nothing touches
     * its request or response. While the dispatch still runs (on the service thread inside {@code service()}, or
     * another thread in the moment the container needs to leave the dispatch), the end is handed to the
     * container's async thread, which waits for the dispatch to return without holding this exchange's monitor.
     */
    private void complete() {
        AsyncContext a;
        synchronized (this) {
            if (over || async == null) {
                return; // over, or answered inside service() without asynchronous mode: the container ends it
            }
            a = async;
        }
        if (inService() || dispatchRunning()) {
            try {
                a.start(() -> {
                    awaitDispatchReturned();
                    completeNow();
                });
            } catch (IllegalStateException e) {
                LOG.log(System.Logger.Level.DEBUG, "async context already over", e);
            }
            return;
        }
        completeNow();
    }

    private synchronized void completeNow() {
        if (over) {
            return;
        }
        over = true;
        try {
            async.complete();
        } catch (IllegalStateException e) {
            LOG.log(System.Logger.Level.DEBUG, "async context already completed", e);
        }
    }

    /**
     * Waits until the container-initiated dispatch that started asynchronous mode returned to the container,
     * which {@link AsyncContext#setTimeout} tells by refusing with an IllegalStateException (servlet specification).
     * Called on the container's async thread only, without this exchange's monitor; the wait is the last steps of
     * the container's own handling of the request.
     */
    private void awaitDispatchReturned() {
        long deadline = System.nanoTime() + DISPATCH_WAIT_NANOS;
        for (int spins = 0; dispatchRunning(); spins++) {
            if (System.nanoTime() - deadline > 0) {
                LOG.log(System.Logger.Level.DEBUG, "dispatch of " + url() + " still running; completing anyway");
                return;
            }
            if (spins < 100) {
                Thread.onSpinWait();
            } else {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean dispatchRunning() {
        AsyncContext a;
        synchronized (this) {
            a = async;
        }
        try {
            a.setTimeout(timeoutMillis); // the same value: changes nothing while it is accepted
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @Override
    public void onAbort(Runnable action) {
        this.abortAction = action;
    }

    private void aborted() {
        synchronized (this) {
            if (done) {
                complete();
                return;
            }
            done = true;
        }
        Body b = body;
        if (b != null) {
            b.fail(new IOException("the request ended before its body was read"));
        }
        Runnable a = abortAction;
        if (a != null) {
            try {
                a.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "abort handling failed", e);
            }
        }
        complete();
    }

    @Override
    public synchronized void onComplete(AsyncEvent event) {
        over = true;
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        aborted();
    }

    @Override
    public void onError(AsyncEvent event) {
        aborted();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not re-started
    }

    private void inCallback(Runnable r) {
        Thread previous = callbackThread;
        callbackThread = Thread.currentThread();
        try {
            r.run();
        } finally {
            callbackThread = previous;
        }
    }

    /** Writes one response body without blocking, then completes the exchange. */
    private final class Writer implements WriteListener {
        private final ServletOutputStream out;
        private final byte[] content;
        private boolean written;

        Writer(ServletOutputStream out, byte[] content) {
            this.out = out;
            this.content = content;
        }

        @Override
        public void onWritePossible() throws IOException {
            synchronized (ServletExchange.this) {
                if (over) {
                    return;
                }
            }
            if (!written) {
                written = true;
                if (content.length > 0) {
                    out.write(content); // the container keeps what the socket does not take now
                }
            }
            if (out.isReady()) { // false: called again once the rest left
                complete();
            }
        }

        @Override
        public void onError(Throwable error) {
            LOG.log(System.Logger.Level.DEBUG, "could not write the response to " + url(), error);
            complete();
        }
    }

    /** Reads one request body without blocking, up to a limit, and hands it to the engine's reader once. */
    private final class Body implements ReadListener {
        private final ServletInputStream in;
        private final int limit;
        private final BodyReader reader;
        private final ByteArrayOutputStream bytes;
        private final byte[] buf = new byte[8192];
        private final AtomicBoolean finished = new AtomicBoolean();
        /** The declared Content-Length, or -1. */
        private final long declared;

        Body(ServletInputStream in, int limit, BodyReader reader) {
            this.in = in;
            this.limit = limit;
            this.reader = reader;
            this.declared = request.getContentLengthLong();
            this.bytes = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        }

        /**
         * Reads what is there. The body is complete when read() says so or when the declared length arrived: then
         * it is handed on at once, without another isReady() (on Payara an isReady() that finds no more data asks
         * for an onAllDataRead on an async thread, which could then run after the request was recycled).
         */
        @Override
        public void onDataAvailable() throws IOException {
            while (!finished.get() && in.isReady()) {
                int n = in.read(buf);
                if (n == -1) {
                    deliver();
                    return;
                }
                if (bytes.size() + n > limit) {
                    fail(new BodyTooLargeException(limit));
                    return;
                }
                bytes.write(buf, 0, n);
                if (declared >= 0 && bytes.size() >= declared) {
                    deliver();
                    return;
                }
            }
        }

        @Override
        public void onAllDataRead() {
            deliver();
        }

        private void deliver() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            byte[] data = bytes.toByteArray();
            if (inService()) {
                // the rest came while service() still ran (Payara reads inside setReadListener): handled here
                inCallback(() -> reader.onBody(data));
                return;
            }
            // the packets reach the application from here: on a container worker, never on an I/O thread (where
            // Undertow calls read listeners)
            try {
                AsyncContext a;
                synchronized (ServletExchange.this) {
                    a = async;
                }
                a.start(() -> inCallback(() -> reader.onBody(data)));
            } catch (IllegalStateException e) {
                reader.onError(new IOException("the request ended before its body was handled", e));
            }
        }

        @Override
        public void onError(Throwable error) {
            fail(error instanceof IOException io ? io : new IOException(error));
        }

        void fail(IOException error) {
            if (finished.compareAndSet(false, true)) {
                inCallback(() -> reader.onError(error));
            }
        }
    }
}
