package dev.sio4ee.engine;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The default {@link EngineScheduler}: a few daemon threads ({@value #DEFAULT_THREADS} by default), cancelled
 * tasks removed at once. Its tasks only schedule: they change a session's state under its lock and hand anything
 * that reaches application code (a disconnect listener or CDI observer after a ping timeout, an ack timeout's
 * callback) to the session's serial dispatcher, so no slow listener can delay a heartbeat. Close it with the
 * server.
 *
 * <pre>{@code
 * try (ExecutorScheduler scheduler = new ExecutorScheduler("sio4ee-timer")) {
 *     EngineServer engine = new EngineServer(EngineOptions.defaults(), scheduler);
 * }
 * }</pre>
 */
public final class ExecutorScheduler implements EngineScheduler, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ExecutorScheduler.class.getName());

    /** Threads of {@link #ExecutorScheduler(String)}. */
    public static final int DEFAULT_THREADS = 4;

    private final ScheduledThreadPoolExecutor executor;

    /**
     * Starts {@value #DEFAULT_THREADS} timer threads.
     * <pre>{@code new ExecutorScheduler("sio4ee-timer")}</pre>
     *
     * @param threadName the threads' name prefix
     */
    public ExecutorScheduler(String threadName) {
        this(threadName, DEFAULT_THREADS);
    }

    /**
     * Starts the timer threads.
     * <pre>{@code new ExecutorScheduler("sio4ee-timer", 2)}</pre>
     *
     * @param threadName the threads' name prefix
     * @param threads    how many tasks may run at once
     */
    public ExecutorScheduler(String threadName, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, threads == 1 ? threadName : threadName + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Cancellable schedule(Runnable task, long delayMillis) {
        if (executor.isShutdown()) {
            return Cancellable.NONE;
        }
        ScheduledFuture<?> f = executor.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "timer task failed", e);
            }
        }, delayMillis, TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    }

    @Override
    public long nowMillis() {
        return System.nanoTime() / 1_000_000L;
    }

    /**
     * Stops the timer thread; pending tasks are dropped.
     * <pre>{@code scheduler.close();}</pre>
     */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
