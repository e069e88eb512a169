package dev.sio4ee.server;

import jakarta.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.BiPredicate;

/**
 * A dynamic namespace (socket.io's {@code ParentNamespace}, from {@code io.of(regex)} or {@code io.of(function)}):
 * it creates a child namespace for each new matching name a client connects to, copying its middlewares and
 * connection handlers into it (at creation time, as socket.io does). Broadcasting from it reaches the sockets of
 * every child. With {@code cleanupEmptyChildNamespaces}, a child is removed when its last socket leaves.
 *
 * <pre>{@code
 * ParentNamespace rooms = io.of(Pattern.compile("^/room-\\d+$"));
 * rooms.onConnection(socket -> socket.emit("welcome", socket.nsp().name()));
 * rooms.emit("announcement", "to every /room-N");
 * }</pre>
 */
public final class ParentNamespace extends Namespace {
    private final BiPredicate<String, JsonObject> matcher;
    private final Set<Namespace> children = new CopyOnWriteArraySet<>();

    ParentNamespace(SocketIoServer server, String name, BiPredicate<String, JsonObject> matcher) {
        super(server, name, ParentBroadcastAdapter::new, null);
        this.matcher = matcher;
    }

    /**
     * The child namespaces created so far.
     * <pre>{@code parent.children().size()}</pre>
     *
     * @return a snapshot
     */
    public Set<Namespace> children() {
        return Set.copyOf(children);
    }

    /**
     * Not supported, as in socket.io (children may differ between the servers of a cluster).
     * <pre>{@code parent.fetchSockets(); // throws}</pre>
     *
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public CompletionStage<List<RemoteSocket>> fetchSockets() {
        throw new UnsupportedOperationException("fetchSockets() is not supported on parent namespaces");
    }

    boolean matches(String name, JsonObject auth) {
        return matcher.test(name, auth);
    }

    Namespace createChild(String name) {
        Namespace child = new Namespace(server(), name, server().options().effectiveAdapter(), this);
        copyInto(child);
        children.add(child);
        return child;
    }

    void removeChild(Namespace child) {
        if (children.remove(child)) {
            child.adapter().close();
            server().removeNamespace(child);
        }
    }
}
