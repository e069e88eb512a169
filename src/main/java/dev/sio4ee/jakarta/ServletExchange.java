package dev.sio4ee.jakarta;

import dev.sio4ee.engine.spi.PollingExchange;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link PollingExchange} over a servlet request. Most requests (handshakes, POSTs, GETs with packets waiting)
 * are answered before {@code service()} returns, with no asynchronous mode. Only a GET that has to wait is put
 * in asynchronous mode, when {@code service()} returns ({@link #serviceReturned()}); it is then answered on the
 * container's async thread, whichever thread answers.
 */
final class ServletExchange extends RequestView implements PollingExchange, AsyncListener {
    private static final System.Logger LOG = System.getLogger(ServletExchange.class.getName());

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String method;
    private final long timeoutMillis;
    /** The container thread running {@code service()} for this request. */
    private final Thread serviceThread = Thread.currentThread();
    private volatile Runnable abortAction;

    // guarded by this
    private boolean done;
    private boolean serviceReturned;
    private AsyncContext async;
    private Runnable pendingWrite;

    ServletExchange(HttpServletRequest request, HttpServletResponse response, long timeoutMillis) {
        super(request);
        this.request = request;
        this.response = response;
        this.method = request.getMethod();
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public byte[] readBody(int limit) throws IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw new BodyTooLargeException(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(declared > 0 ? (int) declared : 256);
        byte[] buf = new byte[8192];
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buf)) != -1) {
                if (out.size() + n > limit) {
                    throw new BodyTooLargeException(limit);
                }
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }

    /**
     * Called by the servlet, on the service thread, when {@code service()} is about to return: writes a response
     * another thread gave meanwhile, or puts a request still waiting for its response in asynchronous mode.
     */
    void serviceReturned() {
        Runnable pending;
        synchronized (this) {
            serviceReturned = true;
            pending = pendingWrite;
            pendingWrite = null;
            if (!done) {
                async = request.startAsync(request, response);
                async.setTimeout(timeoutMillis);
                async.addListener(this);
            }
        }
        if (pending != null) {
            pending.run();
        }
    }

    @Override
    public boolean respond(int status, Map<String, String> responseHeaders, byte[] body) {
        Runnable write = () -> write(status, responseHeaders, body);
        AsyncContext parked;
        synchronized (this) {
            if (done) {
                return false;
            }
            done = true;
            if (!serviceReturned && Thread.currentThread() != serviceThread) {
                pendingWrite = write; // service() is still running: it writes this when it returns
                return true;
            }
            parked = async;
        }
        if (parked == null) {
            write.run(); // inside service(), on its own thread
            return true;
        }
        // A waiting GET answered from another request's thread (the POST that carried an ack) or from a timer.
        // Completing it there runs the container's CDI request listeners for this request inside the other
        // request: on Payara, Weld then loses the other request's context and logs four warnings per request.
        // The container's async thread completes it cleanly.
        try {
            parked.start(write);
        } catch (IllegalStateException e) {
            write.run();
        }
        return true;
    }

    private void write(int status, Map<String, String> responseHeaders, byte[] body) {
        try {
            response.setStatus(status);
            responseHeaders.forEach(response::setHeader);
            response.setContentLength(body.length);
            if (body.length > 0) {
                response.getOutputStream().write(body);
            }
        } catch (IOException | IllegalStateException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not write the response to " + url(), e);
        } finally {
            complete();
        }
    }

    private void complete() {
        AsyncContext a;
        synchronized (this) {
            a = async;
        }
        if (a == null) {
            return; // answered inside service(): the container ends the response
        }
        try {
            a.complete();
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
                return;
            }
            done = true;
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
    public void onComplete(AsyncEvent event) {
        // the normal end
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
}
