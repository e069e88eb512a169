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
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link PollingExchange} over a servlet request in asynchronous mode. */
final class ServletExchange extends RequestView implements PollingExchange, AsyncListener {
    private static final System.Logger LOG = System.getLogger(ServletExchange.class.getName());

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final AsyncContext async;
    private final String method;
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile Runnable abortAction;
    /** The container thread running {@code service()} for this request, until it returns. */
    private final Thread serviceThread = Thread.currentThread();
    private volatile boolean serviceReturned;

    ServletExchange(HttpServletRequest request, HttpServletResponse response, long timeoutMillis) {
        super(request.getRequestURI(), request.getQueryString(), headersOf(request), request.getRemoteAddr(),
                request.isSecure());
        this.request = request;
        this.response = response;
        this.method = request.getMethod();
        this.async = request.startAsync(request, response);
        this.async.setTimeout(timeoutMillis);
        this.async.addListener(this);
    }

    @Override
    public String method() {
        return method;
    }

    private static Map<String, List<String>> headersOf(HttpServletRequest request) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            h.put(name, Collections.list(request.getHeaders(name)));
        }
        return Requests.lowerCase(h);
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

    /** Called by the servlet when its {@code service()} for this request returns. */
    void serviceReturned() {
        serviceReturned = true;
    }

    @Override
    public boolean respond(int status, Map<String, String> responseHeaders, byte[] body) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        if (Thread.currentThread() == serviceThread && !serviceReturned) {
            write(status, responseHeaders, body);
        } else {
            // A parked GET answered from another request's thread (the POST that carried an ack) or from a
            // timer. Completing it there runs the container's CDI request listeners for this request inside
            // the other request: on Payara, Weld then loses the other request's context and logs four
            // warnings per request. The container's async thread completes it cleanly.
            try {
                async.start(() -> write(status, responseHeaders, body));
            } catch (IllegalStateException e) {
                write(status, responseHeaders, body);
            }
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
        if (done.compareAndSet(false, true)) {
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
