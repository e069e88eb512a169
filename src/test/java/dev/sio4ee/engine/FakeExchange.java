package dev.sio4ee.engine;

import dev.sio4ee.engine.spi.PollingExchange;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory {@link PollingExchange} that records the response. It arrives ({@link #arrivalNanos()}) when it is
 * created; latches can hold it at the start of its dispatch or inside {@link #respond}, to force an interleaving.
 */
class FakeExchange extends FakeRequest implements PollingExchange {
    private final String method;
    private byte[] body = new byte[0];
    private Runnable abortAction;
    private Runnable whileReading;
    private final long arrival = System.nanoTime();
    private volatile CountDownLatch dispatchReached;
    private volatile CountDownLatch dispatchGo;
    private volatile CountDownLatch respondReached;
    private volatile CountDownLatch respondGo;

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

    /** The first header lookup (the engine's first step) signals {@code reached}, then waits for {@code go}. */
    FakeExchange pauseAtDispatch(CountDownLatch reached, CountDownLatch go) {
        this.dispatchReached = reached;
        this.dispatchGo = go;
        return this;
    }

    /** {@link #respond} signals {@code reached}, then waits for {@code go} (a write that blocks). */
    FakeExchange pauseInRespond(CountDownLatch reached, CountDownLatch go) {
        this.respondReached = reached;
        this.respondGo = go;
        return this;
    }

    private static void pause(CountDownLatch reached, CountDownLatch go) {
        reached.countDown();
        try {
            if (!go.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String header(String name) {
        CountDownLatch reached = dispatchReached;
        if (reached != null) {
            dispatchReached = null;
            pause(reached, dispatchGo);
        }
        return super.header(name);
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
    public long arrivalNanos() {
        return arrival;
    }

    @Override
    public void readBody(int limit, BodyReader reader) {
        if (whileReading != null) {
            whileReading.run();
        }
        if (body.length > limit) {
            reader.onError(new BodyTooLargeException(limit));
            return;
        }
        reader.onBody(body.clone());
    }

    @Override
    public boolean respond(int status, Map<String, String> headers, byte[] body) {
        CountDownLatch reached = respondReached;
        if (reached != null) {
            respondReached = null;
            pause(reached, respondGo);
        }
        return record(status, headers, body);
    }

    private synchronized boolean record(int status, Map<String, String> headers, byte[] body) {
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
