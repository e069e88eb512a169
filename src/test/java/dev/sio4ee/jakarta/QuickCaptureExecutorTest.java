package dev.sio4ee.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.concurrent.spi.ThreadContextProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The managed executor's front: the context capture finds the Jakarta Concurrency service files from a cache after
 * the first lookup, tasks run with the caller's context class loader, and the caller's loader is put back.
 */
class QuickCaptureExecutorTest {
    private static final String PROVIDERS = QuickCaptureExecutor.SPI_SERVICES + "ThreadContextProvider";

    private final ExecutorService pool = Executors.newSingleThreadExecutor();
    private final ClassLoader before = Thread.currentThread().getContextClassLoader();

    @AfterEach
    void stop() {
        pool.shutdownNow();
        Thread.currentThread().setContextClassLoader(before);
    }

    /** An application loader that counts the lookups of each resource name and may list one service file. */
    static final class CountingLoader extends URLClassLoader {
        final List<String> lookups = Collections.synchronizedList(new ArrayList<>());
        private final URL serviceFile;

        CountingLoader(URL serviceFile) {
            super(new URL[0], QuickCaptureExecutorTest.class.getClassLoader());
            this.serviceFile = serviceFile;
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            lookups.add(name);
            if (serviceFile != null && name.equals(PROVIDERS)) {
                return Collections.enumeration(List.of(serviceFile));
            }
            return super.getResources(name);
        }

        long count(String name) {
            synchronized (lookups) {
                return lookups.stream().filter(name::equals).count();
            }
        }
    }

    /**
     * What Payara's managed executor does: on the submitting thread, the ThreadContextProvider lookup over the
     * context class loader and the capture of that loader; on its own thread, the task under the captured loader.
     */
    private final class CapturingExecutor implements java.util.concurrent.Executor {
        final AtomicInteger providersFound = new AtomicInteger();

        @Override
        public void execute(Runnable task) {
            ClassLoader captured = Thread.currentThread().getContextClassLoader();
            for (ThreadContextProvider p : ServiceLoader.load(ThreadContextProvider.class, captured)) {
                providersFound.incrementAndGet();
            }
            pool.execute(() -> {
                Thread.currentThread().setContextClassLoader(captured);
                task.run();
            });
        }
    }

    @Test
    void shouldLookTheProvidersUpOnceAndRunTasksWithTheCallersLoader() throws Exception {
        CountingLoader application = new CountingLoader(null);
        Thread.currentThread().setContextClassLoader(application);
        QuickCaptureExecutor executor = new QuickCaptureExecutor(new CapturingExecutor());
        List<ClassLoader> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ran = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            executor.execute(() -> {
                seen.add(Thread.currentThread().getContextClassLoader());
                ran.countDown();
            });
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(application);
        }
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(application.count(PROVIDERS)).as("lookups of the service file").isEqualTo(1);
        assertThat(seen).containsExactly(application, application, application);
    }

    @Test
    void shouldFindTheSameProvidersAsTheApplicationsLoader(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("providers");
        Files.writeString(file, Provider.class.getName() + "\n");
        CountingLoader application = new CountingLoader(file.toUri().toURL());
        Thread.currentThread().setContextClassLoader(application);
        CapturingExecutor managed = new CapturingExecutor();
        QuickCaptureExecutor executor = new QuickCaptureExecutor(managed);
        CountDownLatch ran = new CountDownLatch(2);
        executor.execute(ran::countDown);
        executor.execute(ran::countDown);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(managed.providersFound).as("the provider found at each capture").hasValue(2);
        assertThat(application.count(PROVIDERS)).isEqualTo(1);
    }

    @Test
    void shouldAskTheApplicationsLoaderForEveryOtherResource() throws Exception {
        CountingLoader application = new CountingLoader(null);
        QuickCaptureExecutor.ServiceCache cache = new QuickCaptureExecutor.ServiceCache(application);
        cache.getResources("META-INF/services/some.other.Service");
        cache.getResources("META-INF/services/some.other.Service");
        cache.getResources(PROVIDERS);
        cache.getResources(PROVIDERS);
        assertThat(application.count("META-INF/services/some.other.Service")).isEqualTo(2);
        assertThat(application.count(PROVIDERS)).isEqualTo(1);
        assertThat(cache.loadClass(QuickCaptureExecutorTest.class.getName()))
                .isSameAs(QuickCaptureExecutorTest.class);
    }

    @Test
    void shouldUnwrapAFrontedLoaderAndPassTasksOnWithoutOne() throws Exception {
        CountingLoader application = new CountingLoader(null);
        QuickCaptureExecutor executor = new QuickCaptureExecutor(new CapturingExecutor());
        AtomicReference<ClassLoader> seen = new AtomicReference<>();
        CountDownLatch ran = new CountDownLatch(1);
        // a task submitted from a thread whose loader is already a front (captured by the managed executor)
        Thread.currentThread().setContextClassLoader(new QuickCaptureExecutor.ServiceCache(application));
        executor.execute(() -> {
            seen.set(Thread.currentThread().getContextClassLoader());
            ran.countDown();
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen.get()).isSameAs(application);

        Thread.currentThread().setContextClassLoader(null);
        CountDownLatch plain = new CountDownLatch(1);
        AtomicReference<ClassLoader> none = new AtomicReference<>(application);
        executor.execute(() -> {
            none.set(Thread.currentThread().getContextClassLoader());
            plain.countDown();
        });
        assertThat(plain.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(none.get()).isNull();
    }

    @Test
    void shouldFrontOnlyTheExecutorsOfPayaraAndGlassFish() {
        assertThat(SocketIoBootstrap.capturesThroughServiceLoader("Payara Micro #badassfish 6.2025.10")).isTrue();
        assertThat(SocketIoBootstrap.capturesThroughServiceLoader("GlassFish Server Open Source Edition 7"))
                .isTrue();
        assertThat(SocketIoBootstrap.capturesThroughServiceLoader("WildFly Full 37.0.1.Final")).isFalse();
        assertThat(SocketIoBootstrap.capturesThroughServiceLoader(null)).isFalse();
    }

    /** A ThreadContextProvider listed in the test's service file. */
    public static final class Provider implements ThreadContextProvider {
        @Override
        public jakarta.enterprise.concurrent.spi.ThreadContextSnapshot currentContext(java.util.Map<String, String> p) {
            return null;
        }

        @Override
        public jakarta.enterprise.concurrent.spi.ThreadContextSnapshot clearedContext(java.util.Map<String, String> p) {
            return null;
        }

        @Override
        public String getThreadContextType() {
            return "test";
        }
    }
}
