package dev.sio4ee.jakarta;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The context class loader {@link SessionPeer} sends WebSocket frames under: the application's loader, except that
 * it lists no {@code META-INF/services/jakarta.enterprise.concurrent.spi.*} files.
 *
 * <p>Why: on Payara, Tyrus re-arms its idle timer on every frame it sends, through the server's default managed
 * scheduled executor. That executor captures the thread context of each task, and looks up the Jakarta
 * Concurrency {@code ThreadContextProvider}s with a {@link java.util.ServiceLoader} over the context class loader,
 * which scans every jar of the server: a quarter of the CPU of an echo round trip in the benchmark (bench/). Only
 * that idle-timer task is captured under this loader; class loading delegates to the application's loader.
 *
 * <p>{@link IdleTimer} now keeps that task off the managed executor for frames in both directions; this loader is
 * the fallback for the sending side where it cannot (a Tyrus whose session keeps its scheduler elsewhere).
 *
 * <pre>{@code
 * ClassLoader loader = new SendLoader(Thread.currentThread().getContextClassLoader());
 * }</pre>
 */
final class SendLoader extends ClassLoader {
    private static final String HIDDEN = "META-INF/services/jakarta.enterprise.concurrent.spi.";

    SendLoader(ClassLoader application) {
        super(application);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (name.startsWith(HIDDEN)) {
            return Collections.emptyEnumeration();
        }
        return super.getResources(name);
    }
}
