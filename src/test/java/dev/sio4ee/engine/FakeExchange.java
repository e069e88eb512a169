package dev.sio4ee.engine;

import dev.sio4ee.engine.spi.PollingExchange;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An in-memory {@link PollingExchange} that records the response. */
final class FakeExchange extends FakeRequest implements PollingExchange {
    private final String method;
    private byte[] body = new byte[0];
    private Runnable abortAction;
    private Runnable whileReading;

    private boolean completed;
    private boolean aborted;
    private int respondCalls;
    private int status;
    private Map<String, String> responseHeaders = Map.of();
    private byte[] responseBody;

    FakeExchange(String method, String queryString) {
        super(queryString);
        this.method = method;
    }

    static FakeExchange get(String queryString) {
        return new FakeExchange("GET", queryString);
    }

    static FakeExchange post(String queryString, String body) {
        return new FakeExchange("POST", queryString).body(body);
    }

    FakeExchange header(String name, String value) {
        addHeader(name, value);
        return this;
    }

    FakeExchange body(String text) {
        this.body = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    FakeExchange body(byte[] bytes) {
        this.body = bytes;
        return this;
    }

    /** Runs the action in the middle of {@link #readBody}, e.g. to send an overlapping request. */
    FakeExchange whileReading(Runnable action) {
        this.whileReading = action;
        return this;
    }

    FakeExchange secure(boolean v) {
        setSecure(v);
        return this;
    }

    // ---- PollingExchange ----

    @Override
    public String method() {
        return method;
    }

    @Override
    public byte[] readBody(int limit) throws BodyTooLargeException {
        if (whileReading != null) {
            whileReading.run();
        }
        if (body.length > limit) {
            throw new BodyTooLargeException(limit);
        }
        return body.clone();
    }

    @Override
    public synchronized boolean respond(int status, Map<String, String> headers, byte[] body) {
        respondCalls++;
        if (completed || aborted) {
            return false;
        }
        completed = true;
        this.status = status;
        this.responseHeaders = new LinkedHashMap<>(headers);
        this.responseBody = body.clone();
        return true;
    }

    @Override
    public synchronized void onAbort(Runnable action) {
        this.abortAction = action;
    }

    // ---- test side ----

    /** The client went away before the answer: runs the registered abort action. */
    void abort() {
        Runnable a;
        synchronized (this) {
            if (completed || aborted) {
                return;
            }
            aborted = true;
            a = abortAction;
        }
        if (a != null) {
            a.run();
        }
    }

    synchronized boolean completed() {
        return completed;
    }

    synchronized int respondCalls() {
        return respondCalls;
    }

    synchronized int status() {
        return status;
    }

    synchronized Map<String, String> responseHeaders() {
        return responseHeaders;
    }

    synchronized String responseHeader(String name) {
        return responseHeaders.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    synchronized String bodyText() {
        return responseBody == null ? null : new String(responseBody, StandardCharsets.UTF_8);
    }
}
