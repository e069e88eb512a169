package dev.sio4ee.adapter.redis;

import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * Netty (inside Lettuce) keeps a per-thread map in a plain {@code ThreadLocal} on every thread that is not its own,
 * for example the container's request and managed-executor threads that publish. Those threads outlive the
 * application: the map would hold the application's class loader after an undeploy (Payara logs it as a SEVERE
 * leak). Each call into Lettuce from such a thread ends with {@link #forget()}.
 */
final class ForeignThreads {
    private ForeignThreads() {
    }

    /**
     * Removes Netty's per-thread map from the current thread unless it is one of Netty's own threads.
     * <pre>{@code try { commands.publish(channel, bytes); } finally { ForeignThreads.forget(); }}</pre>
     */
    static void forget() {
        if (!(Thread.currentThread() instanceof FastThreadLocalThread)) {
            FastThreadLocal.removeAll();
        }
    }
}
