package dev.sio4ee.cdi;

import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.Middleware;
import dev.sio4ee.server.Socket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The {@link ConnectionGuard} beans as one server-wide middleware: for a connection to a namespace, the guards of
 * that namespace and the global ones run in {@code @Priority} order; the first one that returns a
 * {@link ConnectError} refuses.
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
            List<Optional<ConnectError>> verdict = new ArrayList<>(1);
            try {
                around.accept(() -> verdict.add(e.guard().check(socket, socket.handshake().principal())));
            } catch (RuntimeException failed) {
                LOG.log(System.Logger.Level.WARNING, "connection guard " + e.name() + " failed", failed);
                next.fail(new ConnectError("connection refused"));
                return;
            }
            Optional<ConnectError> refusal = verdict.isEmpty() ? null : verdict.get(0);
            if (refusal == null) {
                LOG.log(System.Logger.Level.WARNING, "connection guard {0} returned null instead of an Optional: "
                        + "connection refused", e.name());
                next.fail(new ConnectError("connection refused"));
                return;
            }
            if (refusal.isPresent()) {
                next.fail(refusal.get());
                return;
            }
        }
        next.proceed();
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
