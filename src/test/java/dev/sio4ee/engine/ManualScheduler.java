package dev.sio4ee.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An {@link EngineScheduler} driven by hand: time only moves on {@link #advance(long)}, which runs the due tasks
 * on the calling thread, in due-time order (ties in scheduling order), including tasks scheduled meanwhile.
 */
public final class ManualScheduler implements EngineScheduler {

    private final class Task implements Cancellable {
        final long due;
        final long seq;
        final Runnable action;
        boolean cancelled;
        boolean done;

        Task(long due, long seq, Runnable action) {
            this.due = due;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                cancelled = true;
                tasks.remove(this);
            }
        }
    }

    private final List<Task> tasks = new ArrayList<>();
    private long now;
    private long seq;
    private long scheduledTotal;

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayMillis) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("negative delay " + delayMillis);
        }
        Task t = new Task(now + delayMillis, seq++, task);
        tasks.add(t);
        scheduledTotal++;
        return t;
    }

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    /** Moves the clock forward, running every task that becomes due. */
    public void advance(long millis) {
        long target;
        synchronized (this) {
            target = now + millis;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream()
                        .filter(t -> t.due <= target)
                        .min(Comparator.<Task>comparingLong(t -> t.due).thenComparingLong(t -> t.seq))
                        .orElse(null);
                if (next == null) {
                    now = Math.max(now, target); // never backwards when several threads advance
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.due);
                next.done = true;
            }
            next.action.run(); // outside the lock, like a real timer thread
        }
    }

    /** Tasks scheduled, neither run nor cancelled. */
    public synchronized int pending() {
        return tasks.size();
    }

    /** Due times of the pending tasks, relative to now (for failure messages). */
    public synchronized List<Long> pendingDelays() {
        return tasks.stream().map(t -> t.due - now).sorted().toList();
    }

    /** How many tasks were ever scheduled. */
    public synchronized long scheduledTotal() {
        return scheduledTotal;
    }
}
