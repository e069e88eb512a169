package dev.sio4ee.jakarta;

import java.util.concurrent.Executor;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * The container's default managed executor (Jakarta Concurrency's {@code java:comp/DefaultManagedExecutorService}),
 * looked up in JNDI: tasks on it run on container threads with the application's context. The Redis adapters
 * handle incoming messages there, so application code they reach (server-side event handlers) never runs on a
 * thread of the Redis client.
 *
 * <pre>{@code
 * Executor incoming = ManagedExecutors.lookup(); // null outside a container
 * }</pre>
 */
final class ManagedExecutors {
    /** The JNDI name every Jakarta EE 10 server binds. */
    static final String DEFAULT = "java:comp/DefaultManagedExecutorService";
    private static final System.Logger LOG = System.getLogger(ManagedExecutors.class.getName());

    private ManagedExecutors() {
    }

    /**
     * The default managed executor, or null when there is none (then the caller uses a thread of its own).
     * <pre>{@code Executor e = ManagedExecutors.lookup();}</pre>
     *
     * @return the executor, or null
     */
    static Executor lookup() {
        try {
            Object found = InitialContext.doLookup(DEFAULT);
            if (found instanceof Executor executor) {
                return executor;
            }
            LOG.log(System.Logger.Level.WARNING, "{0} is not an executor ({1}); sio4ee uses a thread of its own",
                    DEFAULT, found == null ? "null" : found.getClass().getName());
        } catch (NamingException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "no {0} ({1}); sio4ee uses a thread of its own", DEFAULT,
                    e.toString());
        }
        return null;
    }
}
