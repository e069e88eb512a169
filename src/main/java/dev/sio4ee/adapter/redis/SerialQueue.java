package dev.sio4ee.adapter.redis;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs tasks one at a time, in order, on an executor, keeping at most {@code limit} waiting (more are dropped and
 * counted, as Redis itself drops a pub/sub client that cannot keep up). Used to take incoming pub/sub messages off
 * Lettuce's event-loop threads while keeping their order.
 */
final class SerialQueue {
    private static final System.Logger LOG = System.getLogger(SerialQueue.class.getName());
    /** Tasks run per turn on the executor before the queue yields it to others. */
    private static final int BATCH = 64;

    private final Executor executor;
    private final int limit;
    private final String name;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean scheduled;
    private long dropped;

    SerialQueue(Executor executor, int limit, String name) {
        this.executor = executor;
        this.limit = limit;
        this.name = name;
    }

    /** Queues a task; false when the queue is full (the task is dropped). */
    boolean submit(Runnable task) {
        synchronized (this) {
            if (tasks.size() >= limit) {
                if (dropped++ == 0) {
                    LOG.log(System.Logger.Level.WARNING, name + ": more than " + limit
                            + " incoming Redis messages waiting; dropping messages until the queue drains");
                }
                return false;
            }
            tasks.add(task);
            if (scheduled) {
                return true;
            }
            scheduled = true;
        }
        schedule();
        return true;
    }

    /** How many tasks were dropped because the queue was full. */
    synchronized long dropped() {
        return dropped;
    }

    private void schedule() {
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                dropped += tasks.size();
                tasks.clear();
                scheduled = false;
            }
            LOG.log(System.Logger.Level.DEBUG, name + ": executor refused the delivery task (shutting down?)", e);
        }
    }

    private void drain() {
        for (int i = 0; i < BATCH; i++) {
            Runnable task;
            synchronized (this) {
                task = tasks.poll();
                if (task == null) {
                    scheduled = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, name + ": a Redis message handler failed", e);
            }
        }
        synchronized (this) {
            if (tasks.isEmpty()) {
                scheduled = false;
                return;
            }
        }
        schedule();
    }
}
