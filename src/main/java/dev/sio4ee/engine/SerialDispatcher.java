package dev.sio4ee.engine;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs one session's application code (listener calls, and what the Socket.IO layer hands it) one task at a time,
 * in the order the tasks were queued, on threads of a shared {@link Executor}. At most one task of a dispatcher
 * is submitted to the executor at a time, so different sessions run in parallel and one session never runs on two
 * threads at once; a thread that queues work for another session never runs that work itself.
 *
 * <p>When the executor refuses a turn (a managed executor whose pool is full: Payara's default has at most 200
 * threads and no queue), the turn goes to the fallback executor (the engine's own pool), logged once, so no
 * session stalls with deliveries queued.
 *
 * <p>The queue is bounded by weight (about the bytes it holds): {@link #offer} refuses a task past the limit, and
 * the owner closes the session. {@link #force} always queues (the close notification must reach the listener).
 * After {@value #TURN} tasks in a row the dispatcher hands its thread back to the executor and queues itself
 * again, so a busy session cannot keep a pool thread forever.
 */
final class SerialDispatcher {
    private static final System.Logger LOG = System.getLogger(SerialDispatcher.class.getName());
    /** Tasks run in one turn before the dispatcher resubmits itself. */
    static final int TURN = 256;
    /** The weight of a task without payload: its share of the queue's own memory. */
    static final long TASK_WEIGHT = 64;

    private record Entry(Runnable task, long weight) {
    }

    private final String name;
    private final Executor executor;
    private final Executor fallback;
    private final long limit;
    private final Queue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile Thread current;

    SerialDispatcher(String name, Executor executor, Executor fallback, long limit) {
        this.name = name;
        this.executor = executor;
        this.fallback = fallback;
        this.limit = limit;
    }

    /** Queues a task unless the queue would weigh more than the limit; false (and nothing queued) then. */
    boolean offer(Runnable task, long weight) {
        long w = TASK_WEIGHT + Math.max(0, weight);
        if (queued.addAndGet(w) > limit) {
            queued.addAndGet(-w);
            return false;
        }
        queue.add(new Entry(task, w));
        return true;
    }

    /** Queues a task whatever the limit. */
    void force(Runnable task) {
        queued.addAndGet(TASK_WEIGHT);
        queue.add(new Entry(task, TASK_WEIGHT));
    }

    /** Makes sure queued tasks will run: submits a turn to the executor unless one is pending or running. */
    void kick() {
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
            submit();
        }
    }

    /** Whether the calling thread is running this dispatcher's tasks now. */
    boolean isCurrent() {
        return current == Thread.currentThread();
    }

    /** The weight queued now (for tests and logs). */
    long queuedWeight() {
        return queued.get();
    }

    private void submit() {
        try {
            executor.execute(this::turn);
            return;
        } catch (RejectedExecutionException e) {
            if (fallback == executor) {
                refused(e);
                return;
            }
        }
        try {
            fallback.execute(this::turn);
        } catch (RejectedExecutionException e) {
            refused(e);
        }
    }

    private void refused(RejectedExecutionException e) {
        scheduled.set(false);
        LOG.log(System.Logger.Level.WARNING, "the executor refused the deliveries of " + name
                + " (is the server stopping?); " + queue.size() + " stay queued", e);
    }

    private void turn() {
        Thread previous = current;
        current = Thread.currentThread();
        try {
            for (int i = 0; i < TURN; i++) {
                Entry e = queue.poll();
                if (e == null) {
                    break;
                }
                queued.addAndGet(-e.weight());
                try {
                    e.task().run();
                } catch (RuntimeException | Error failed) {
                    if (failed instanceof VirtualMachineError) {
                        throw failed;
                    }
                    LOG.log(System.Logger.Level.WARNING, "a delivery of " + name + " failed", failed);
                }
            }
        } finally {
            current = previous;
        }
        if (queue.isEmpty()) {
            scheduled.set(false);
            kick(); // a task queued between the last poll and the reset
        } else {
            submit(); // still scheduled: the next turn
        }
    }

    @Override
    public String toString() {
        return "SerialDispatcher[" + name + ", " + queue.size() + " queued]";
    }
}
