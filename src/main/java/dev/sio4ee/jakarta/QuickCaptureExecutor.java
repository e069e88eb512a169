package dev.sio4ee.jakarta;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The container's managed executor, with the cost of its context capture cut on Payara: what sio4ee hands every
 * socket's deliveries to, and the incoming Redis messages of a cluster.
 *
 * <p>Why: Payara's managed executor captures the thread context of each task it is given, and for that looks up
 * the Jakarta Concurrency {@code ThreadContextProvider}s with a {@link java.util.ServiceLoader} over the context
 * class loader, which asks every jar of the server and of the application for the service file (some 320 jars on
 * Payara Micro, none of which has one). In the cross-node fan-out of the benchmark ({@code bench/}) with small rooms
 * that lookup took more than half of each node's CPU: once per message that arrives from a client, and once per
 * message that arrives from Redis.
 *
 * <p>While {@link #execute} hands a task over, the context class loader is a child of the caller's that answers
 * the lookup of those service files ({@code META-INF/services/jakarta.enterprise.concurrent.spi.*}) with what the
 * caller's loader answered the first time (the jars of a running application do not change); every other resource
 * and every class comes from the caller's loader as before. The task itself runs with the caller's loader as its
 * context class loader, as it would have without this executor.
 *
 * <pre>{@code
 * Executor executor = new QuickCaptureExecutor(managedExecutorService);
 * executor.execute(() -> handle(message)); // captured and run as by the managed executor
 * }</pre>
 */
final class QuickCaptureExecutor implements Executor {
    /** The service files a Jakarta Concurrency implementation looks up for each task it captures. */
    static final String SPI_SERVICES = "META-INF/services/jakarta.enterprise.concurrent.spi.";

    private final Executor managed;
    /** The cache of the loader seen last (the application's, on every thread that submits). */
    private volatile ServiceCache cache;

    /**
     * Fronts a managed executor.
     * <pre>{@code Executor e = new QuickCaptureExecutor(managedExecutorService);}</pre>
     *
     * @param managed the container's managed executor
     */
    QuickCaptureExecutor(Executor managed) {
        this.managed = Objects.requireNonNull(managed, "managed");
    }

    /**
     * Hands the task to the managed executor with the caller's context class loader fronted by its service cache;
     * the task runs with the caller's loader.
     * <pre>{@code executor.execute(task);}</pre>
     *
     * @param task the task
     */
    @Override
    public void execute(Runnable task) {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        if (caller == null) {
            managed.execute(task);
            return;
        }
        ClassLoader application = caller instanceof ServiceCache c ? c.getParent() : caller;
        ServiceCache front = cacheFor(application);
        thread.setContextClassLoader(front);
        try {
            managed.execute(new WithLoader(task, application));
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    private ServiceCache cacheFor(ClassLoader application) {
        ServiceCache c = cache;
        if (c == null || c.getParent() != application) {
            c = new ServiceCache(application);
            cache = c;
        }
        return c;
    }

    @Override
    public String toString() {
        return managed.toString();
    }

    /** Runs a task with a given context class loader, then puts the thread's own back. */
    private record WithLoader(Runnable task, ClassLoader loader) implements Runnable {
        @Override
        public void run() {
            Thread thread = Thread.currentThread();
            ClassLoader before = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                task.run();
            } finally {
                thread.setContextClassLoader(before);
            }
        }
    }

    /**
     * A child of the application's loader that remembers where the Jakarta Concurrency service files are (a
     * handful of names, so the map stays small); everything else it asks the application's loader.
     */
    static final class ServiceCache extends ClassLoader {
        private final Map<String, List<URL>> found = new ConcurrentHashMap<>();

        ServiceCache(ClassLoader application) {
            super(application);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            if (!name.startsWith(SPI_SERVICES)) {
                return super.getResources(name);
            }
            List<URL> urls = found.get(name);
            if (urls == null) {
                urls = List.copyOf(Collections.list(super.getResources(name)));
                found.put(name, urls);
            }
            return Collections.enumeration(urls);
        }
    }
}
