package dev.sio4ee.cdi;

import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.Middleware;
import dev.sio4ee.server.Socket;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@link ConnectionGuard} beans as one server-wide middleware: for a connection to a namespace, the guards of
 * that namespace and the global ones run in {@code @Priority} order; the first {@link ConnectError} refuses.
 */
final class Guards implements Middleware {
    private static final System.Logger LOG = System.getLogger(Guards.class.getName());

    private final List<Entry> entries;
    private final Consumer<Runnable> around;

    Guards(List<Entry> entries, Consumer<Runnable> around) {
        this.entries = entries.stream().sorted(Comparator.comparingInt(Entry::priority).thenComparing(Entry::name))
                .toList();
        this.around = around;
    }

    List<Entry> entries() {
        return entries;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public void handle(Socket socket, Next next) {
        String nsp = socket.nsp().name();
        for (Entry e : entries) {
            if (e.namespace() != null && !e.namespace().equals(nsp)) {
                continue;
            }
            try {
                around.accept(() -> e.guard().check(socket, socket.handshake().principal()));
            } catch (RuntimeException failed) {
                ConnectError refused = refusal(failed);
                if (refused != null) {
                    next.fail(refused);
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "connection guard " + e.name() + " failed", failed);
                next.fail(new ConnectError("connection refused"));
                return;
            }
        }
        next.proceed();
    }

    /** The ConnectError thrown by a guard, also when a container wrapped it (an EJB guard's EJBException). */
    static ConnectError refusal(Throwable thrown) {
        Throwable t = thrown;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof ConnectError ce) {
                return ce;
            }
        }
        return null;
    }

    /**
     * One guard bean.
     *
     * @param namespace the namespace it guards, or null for all
     * @param priority  its {@code @Priority}, lowest first
     * @param name      its bean class name, the tie-breaker
     * @param guard     the bean (a contextual reference)
     */
    record Entry(String namespace, int priority, String name, ConnectionGuard guard) {
    }
}
