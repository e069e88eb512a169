package dev.sio4ee.jakarta;

import jakarta.websocket.Session;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes Tyrus's idle timer off the per-frame path on Payara.
 *
 * <p>Tyrus (Payara's JSR-356 implementation) re-arms a session's idle timer on every frame it receives or sends,
 * even with no idle timeout: it cancels the last task and schedules a new one on the server's default managed
 * scheduled executor. That executor captures the thread context of each task, which runs a
 * {@link java.util.ServiceLoader} lookup over every jar of the server: about a quarter of the server's CPU per
 * echo round trip in the benchmark ({@code bench/}). sio4ee sets no container idle timeout (its heartbeat closes
 * dead sessions), so that task, run after a zero delay, only checks the timeout and returns.
 *
 * <p>{@link #install(Object)} puts an executor in front of the session's own: a task with no delay runs at once
 * on the calling thread (exactly what the idle task with no timeout does: nothing), anything with a delay goes to
 * the original executor unchanged. On any other implementation (WildFly's Undertow) it does nothing.
 *
 * <pre>{@code
 * IdleTimer.install(session);   // before session.setMaxIdleTimeout(0)
 * }</pre>
 */
final class IdleTimer {
    private static final System.Logger LOG = System.getLogger(IdleTimer.class.getName());
    private static final String TYRUS_SESSION = "org.glassfish.tyrus.core.TyrusSession";
    private static volatile Field field;
    private static volatile boolean unavailable;

    private IdleTimer() {
    }

    /**
     * Fronts a Tyrus session's scheduler so that zero-delay idle tasks run inline; leaves any other object alone.
     * <pre>{@code boolean done = IdleTimer.install(session);}</pre>
     *
     * @param session the WebSocket session just opened (a {@link Session})
     * @return whether the session's scheduler is now fronted
     */
    static boolean install(Object session) {
        Field f = serviceField(session.getClass());
        if (f == null) {
            return false;
        }
        try {
            Object current = f.get(session);
            if (current instanceof ScheduledExecutorService s && !(current instanceof Inline)) {
                f.set(session, new Inline(s));
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            unavailable = true;
            LOG.log(System.Logger.Level.DEBUG, "cannot front the Tyrus idle timer", e);
            return false;
        }
    }

    /** The scheduler field of Tyrus's session class, if {@code type} is or extends it and the field is as known. */
    private static Field serviceField(Class<?> type) {
        Field f = field;
        if (f != null) {
            return f.getDeclaringClass().isAssignableFrom(type) ? f : null;
        }
        if (unavailable) {
            return null;
        }
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(TYRUS_SESSION)) {
                try {
                    Field s = c.getDeclaredField("service");
                    if (s.getType() == ScheduledExecutorService.class) {
                        s.setAccessible(true);
                        field = s;
                        return s;
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "no Tyrus idle timer field", e);
                }
                unavailable = true; // a Tyrus whose session keeps its scheduler elsewhere: stop looking
                return null;
            }
        }
        return null;
    }

    /** Runs zero-delay one-shot tasks on the caller; delegates everything else. */
    static final class Inline implements ScheduledExecutorService {
        private final ScheduledExecutorService delegate;

        Inline(ScheduledExecutorService delegate) {
            this.delegate = delegate;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            if (delay > 0) {
                return delegate.schedule(command, delay, unit);
            }
            command.run();
            return Done.INSTANCE;
        }

        @Override
        public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
            return delegate.schedule(callable, delay, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period,
                TimeUnit unit) {
            return delegate.scheduleAtFixedRate(command, initialDelay, period, unit);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                TimeUnit unit) {
            return delegate.scheduleWithFixedDelay(command, initialDelay, delay, unit);
        }

        @Override
        public void shutdown() {
            delegate.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return delegate.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return delegate.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return delegate.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return delegate.awaitTermination(timeout, unit);
        }

        @Override
        public <T> Future<T> submit(Callable<T> task) {
            return delegate.submit(task);
        }

        @Override
        public <T> Future<T> submit(Runnable task, T result) {
            return delegate.submit(task, result);
        }

        @Override
        public Future<?> submit(Runnable task) {
            return delegate.submit(task);
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
            return delegate.invokeAll(tasks);
        }

        @Override
        public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException {
            return delegate.invokeAll(tasks, timeout, unit);
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
                throws InterruptedException, ExecutionException {
            return delegate.invokeAny(tasks);
        }

        @Override
        public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
                throws InterruptedException, ExecutionException, TimeoutException {
            return delegate.invokeAny(tasks, timeout, unit);
        }

        @Override
        public void execute(Runnable command) {
            delegate.execute(command);
        }
    }

    /** The future of a task already run. */
    static final class Done implements ScheduledFuture<Object> {
        static final Done INSTANCE = new Done();

        private Done() {
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(0, o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
