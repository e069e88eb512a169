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
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link PollingExchange} over a servlet request in asynchronous mode with non-blocking I/O: the body is read
 * with a {@link ReadListener} and the response written with a {@link WriteListener}, so neither a slow upload
 * nor a client that reads its response slowly holds a thread, and nothing here blocks on the network.
 *
 * <p>Threads: the response is started on a thread of this request (its service thread before
 * {@code service()} returned, or a read callback); when another thread answers (a timer, the POST of the same
 * session), it is handed to the container with {@link AsyncContext#start}, so the container's CDI request
 * listeners for this request never run inside another request.
 */
final class ServletExchange extends RequestView implements PollingExchange, AsyncListener {
    private static final System.Logger LOG = System.getLogger(ServletExchange.class.getName());

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String method;
    private final long arrivalNanos;
    private final AsyncContext async;
    /** The container thread running {@code service()} for this request. */
    private final Thread serviceThread = Thread.currentThread();
    /** A thread inside one of this request's read callbacks, or null. */
    private volatile Thread callbackThread;
    private volatile Runnable abortAction;
    private volatile Body body;

    // guarded by this
    private boolean done;
    private boolean serviceReturned;
    /**
     * The request is over (completed, timed out or failed): the container may recycle the request and response
     * objects for another client's request, so nothing may touch them any more.
     */
    private boolean over;

    /** Puts the request in asynchronous mode; call it inside {@code service()}. */
    ServletExchange(HttpServletRequest request, HttpServletResponse response, long timeoutMillis, long arrivalNanos) {
        super(request);
        this.request = request;
        this.response = response;
        this.method = request.getMethod();
        this.arrivalNanos = arrivalNanos;
        this.async = request.startAsync(request, response);
        async.setTimeout(timeoutMillis);
        async.addListener(this);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public long arrivalNanos() {
        return arrivalNanos;
    }

    @Override
    public void readBody(int limit, BodyReader reader) {
        if (request.getContentLengthLong() > limit) {
            reader.onError(new BodyTooLargeException(limit));
            return;
        }
        ServletInputStream in;
        try {
            in = request.getInputStream();
        } catch (IOException | IllegalStateException e) {
            reader.onError(e instanceof IOException io ? io : new IOException(e));
            return;
        }
        Body b = new Body(in, limit, reader);
        body = b;
        try {
            in.setReadListener(b);
        } catch (IllegalStateException e) {
            b.fail(new IOException(e));
        }
    }

    /** Called by the servlet, on the service thread, when {@code service()} is about to return. */
    void serviceReturned() {
        synchronized (this) {
            serviceReturned = true;
        }
    }

    @Override
    public boolean respond(int status, Map<String, String> responseHeaders, byte[] content) {
        boolean inline;
        synchronized (this) {
            if (done) {
                return false;
            }
            done = true;
            Thread t = Thread.currentThread();
            inline = (t == serviceThread && !serviceReturned) || t == callbackThread;
        }
        if (inline) {
            write(status, responseHeaders, content);
            return true;
        }
        try {
            async.start(() -> write(status, responseHeaders, content));
        } catch (IllegalStateException e) {
            // the request is already over and its objects may serve another client now: writing here is what
            // once mixed two requests up on Payara (an NPE in another request's header lookup, Weld leak warnings)
            LOG.log(System.Logger.Level.DEBUG, "request over before its answer: " + url(), e);
        }
        return true;
    }

    /**
     * Sets status and headers, then hands the body to a write listener; nothing if the request is over. Under
     * this exchange's monitor, which the end of the request also takes, so the two never overlap.
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
            out.setWriteListener(new Writer(out, content));
        } catch (IOException | IllegalStateException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not write the response to " + url(), e);
            complete();
        }
    }

    /** Ends the request, once; afterwards nothing touches its request or response. */
    private synchronized void complete() {
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
            // the packets reach the application from here: on a container worker, never on an I/O thread (where
            // Undertow calls read listeners)
            try {
                async.start(() -> inCallback(() -> reader.onBody(data)));
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

        private void inCallback(Runnable r) {
            Thread previous = callbackThread;
            callbackThread = Thread.currentThread();
            try {
                r.run();
            } finally {
                callbackThread = previous;
            }
        }
    }
}
