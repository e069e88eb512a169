package dev.sio4ee.engine;

/**
 * The one timer service behind every heartbeat and timeout of a server (no timer per session). It only
 * schedules: its tasks must not block, and never run application code themselves (the engine and the Socket.IO
 * layer hand that to a session's dispatcher). The default is {@link ExecutorScheduler}; tests substitute a
 * manual clock.
 *
 * <pre>{@code
 * EngineScheduler.Cancellable t = scheduler.schedule(() -> session.close(), 5_000);
 * t.cancel();
 * }</pre>
 */
public interface EngineScheduler {

    /**
     * Runs a task once after a delay.
     * <pre>{@code scheduler.schedule(this::sendPing, options.pingInterval());}</pre>
     *
     * @param task        the task (must not block)
     * @param delayMillis the delay
     * @return a handle to cancel it
     */
    Cancellable schedule(Runnable task, long delayMillis);

    /**
     * The scheduler's clock, in milliseconds.
     * <pre>{@code long now = scheduler.nowMillis();}</pre>
     *
     * @return the current time
     */
    long nowMillis();

    /** A scheduled task that may still be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        /** A handle that does nothing. */
        Cancellable NONE = () -> { };

        /**
         * Cancels the task if it did not run yet.
         * <pre>{@code timer.cancel();}</pre>
         */
        void cancel();
    }
}
