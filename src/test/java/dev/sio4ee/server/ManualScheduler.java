package dev.sio4ee.server;

import dev.sio4ee.engine.EngineScheduler;
import java.util.PriorityQueue;

/** A scheduler whose clock only moves when the test says so. */
final class ManualScheduler implements EngineScheduler {
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long now;
    private long seq;

    private final class Task implements Comparable<Task>, Cancellable {
        final long at;
        final long order = seq++;
        final Runnable run;
        boolean cancelled;

        Task(long at, Runnable run) {
            this.at = at;
            this.run = run;
        }

        @Override
        public int compareTo(Task o) {
            return at != o.at ? Long.compare(at, o.at) : Long.compare(order, o.order);
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                cancelled = true;
                tasks.remove(this);
            }
        }
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayMillis) {
        Task t = new Task(now + delayMillis, task);
        tasks.add(t);
        return t;
    }

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    /** Moves the clock forward, running every task that falls due, in order. */
    void advance(long millis) {
        long target;
        synchronized (this) {
            target = now + millis;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.at > target) {
                    now = target;
                    return;
                }
                tasks.poll();
                now = next.at;
            }
            if (!next.cancelled) {
                next.run.run();
            }
        }
    }

    synchronized int pending() {
        return tasks.size();
    }
}
