package dev.sio4ee.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/** A request to the other servers, waiting for one response from each (Node's {@code requests} entries). */
final class ClusterRequest<T> {
    private final int expected;
    private final List<T> responses;
    private final CompletableFuture<List<T>> result = new CompletableFuture<>();
    private int current;
    private Runnable cancelTimer = () -> { };

    ClusterRequest(int expected, List<T> initial) {
        this.expected = expected;
        this.responses = new ArrayList<>(initial);
    }

    CompletableFuture<List<T>> result() {
        return result;
    }

    synchronized void cancelTimer(Runnable cancel) {
        if (result.isDone()) {
            cancel.run();
        } else {
            cancelTimer = cancel;
        }
    }

    /** Adds one server's response; true when it was the last one awaited. */
    boolean add(List<T> items) {
        Runnable cancel;
        List<T> all;
        synchronized (this) {
            if (result.isDone()) {
                return false;
            }
            responses.addAll(items);
            if (++current < expected) {
                return false;
            }
            cancel = cancelTimer;
            all = List.copyOf(responses);
        }
        cancel.run();
        result.complete(all);
        return true;
    }

    void timeOut() {
        String message;
        synchronized (this) {
            message = "timeout reached: only " + current + " responses received out of " + expected;
        }
        result.completeExceptionally(new TimeoutException(message));
    }

    void close() {
        Runnable cancel;
        synchronized (this) {
            cancel = cancelTimer;
        }
        cancel.run();
        result.completeExceptionally(new IllegalStateException("adapter closed"));
    }
}
