package dev.sio4ee.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A request to the other servers, waiting for one response from each (Node's {@code requests} entries); public for
 * the transports of {@code dev.sio4ee.adapter.redis}.
 *
 * <pre>{@code
 * ClusterRequest<SocketDetails> r = new ClusterRequest<>(serverCount - 1, localSockets);
 * r.cancelTimer(host.schedule(r::timeOut, 5_000));
 * r.add(remoteSockets);           // true when it was the last response awaited
 * r.result().thenAccept(all -> ...);
 * }</pre>
 *
 * @param <T> the type of the items collected
 */
public final class ClusterRequest<T> {
    private final int expected;
    private final List<T> responses;
    private final CompletableFuture<List<T>> result = new CompletableFuture<>();
    private int current;
    private Runnable cancelTimer = () -> { };

    /**
     * A request awaiting {@code expected} responses, starting with the local items.
     * <pre>{@code new ClusterRequest<>(2, List.of())}</pre>
     *
     * @param expected the number of responses awaited
     * @param initial  the items known already
     */
    public ClusterRequest(int expected, List<T> initial) {
        this.expected = expected;
        this.responses = new ArrayList<>(initial);
    }

    /**
     * Completes with all items when the last response arrived, or exceptionally on time-out or close.
     * <pre>{@code request.result().thenAccept(items -> ...);}</pre>
     *
     * @return the result
     */
    public CompletableFuture<List<T>> result() {
        return result;
    }

    /**
     * Sets what cancels the time-out timer (run at once if the request is already done).
     * <pre>{@code request.cancelTimer(host.schedule(request::timeOut, 5_000));}</pre>
     *
     * @param cancel cancels the timer
     */
    public synchronized void cancelTimer(Runnable cancel) {
        if (result.isDone()) {
            cancel.run();
        } else {
            cancelTimer = cancel;
        }
    }

    /**
     * Adds one server's response.
     * <pre>{@code if (request.add(items)) requests.remove(id);}</pre>
     *
     * @param items the server's items
     * @return true when it was the last one awaited
     */
    public boolean add(List<T> items) {
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

    /**
     * Fails the request with a {@link TimeoutException} "timeout reached: only X responses received out of Y".
     * <pre>{@code host.schedule(request::timeOut, 5_000);}</pre>
     */
    public void timeOut() {
        String message;
        synchronized (this) {
            message = "timeout reached: only " + current + " responses received out of " + expected;
        }
        result.completeExceptionally(new TimeoutException(message));
    }

    /**
     * Cancels the timer and fails the request with "adapter closed".
     * <pre>{@code request.close();}</pre>
     */
    public void close() {
        Runnable cancel;
        synchronized (this) {
            cancel = cancelTimer;
        }
        cancel.run();
        result.completeExceptionally(new IllegalStateException("adapter closed"));
    }
}
