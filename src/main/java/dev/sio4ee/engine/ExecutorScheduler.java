package dev.sio4ee.engine;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The default {@link EngineScheduler}: one daemon thread, cancelled tasks removed at once. Close it with the
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

    private final ScheduledThreadPoolExecutor executor;

    /**
     * Starts the timer thread.
     * <pre>{@code new ExecutorScheduler("sio4ee-timer")}</pre>
     *
     * @param threadName the thread's name
     */
    public ExecutorScheduler(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, threadName);
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
