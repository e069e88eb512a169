package dev.sio4ee.adapter;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

/**
 * The servers of a cluster in one JVM: every {@link Member} (one adapter per namespace per server) publishes to
 * every member, itself and other namespaces included, as a broadcast transport (a Redis channel) would: the
 * adapters must ignore their own messages, other namespaces' messages and responses to other servers' requests.
 * Each message travels as JSON text (plus its attachments), as a real transport would carry it; delivery runs on
 * the given executor (the calling thread for a synchronous bus).
 */
public final class InMemoryBus {
    private final List<Member> members = new CopyOnWriteArrayList<>();
    private final List<ClusterMessage> published = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> silent = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Executor executor;

    /** A synchronous bus: messages are handled before {@code doPublish} returns. */
    public InMemoryBus() {
        this(Runnable::run);
    }

    /** A bus delivering on the executor. */
    public InMemoryBus(Executor executor) {
        this.executor = executor;
    }

    /** The factory of the adapters of one server. */
    public Adapter.Factory factory() {
        return host -> new Member(host, this);
    }

    /** From now on, the responses of the server of this adapter are lost (a server that does not answer). */
    public void silence(Adapter adapter) {
        silent.add(((Member) adapter).uid());
    }

    /** Every message and response published so far, in order. */
    public List<ClusterMessage> published() {
        return new ArrayList<>(published);
    }

    private static ClusterMessage overTheWire(ClusterMessage m) {
        String text = m.toJson().toString();
        try (var reader = Json.createReader(new StringReader(text))) {
            JsonObject json = reader.readObject();
            return ClusterMessage.fromJson(json, m.attachments());
        }
    }

    private CompletableFuture<Void> deliver(Runnable action) {
        return CompletableFuture.runAsync(action, executor);
    }

    /** The adapter of one namespace on one server. */
    public static final class Member extends ClusterAdapter {
        private final InMemoryBus bus;

        Member(AdapterHost host, InMemoryBus bus) {
            super(host);
            this.bus = bus;
            bus.members.add(this);
        }

        @Override
        protected CompletionStage<String> doPublish(ClusterMessage message) {
            bus.published.add(message);
            ClusterMessage received = overTheWire(message);
            return bus.deliver(() -> {
                for (Member m : bus.members) {
                    m.onMessage(received);
                }
            }).thenApply(v -> null);
        }

        @Override
        protected CompletionStage<Void> doPublishResponse(String requesterUid, ClusterMessage response) {
            // requesterUid ignored on purpose: every member sees every response
            bus.published.add(response);
            if (bus.silent.contains(uid())) {
                return CompletableFuture.completedFuture(null);
            }
            ClusterMessage received = overTheWire(response);
            return bus.deliver(() -> {
                for (Member m : bus.members) {
                    m.onMessage(received);
                }
            });
        }

        @Override
        public CompletionStage<Integer> serverCount() {
            int n = 0;
            for (Member m : bus.members) {
                if (m.host().name().equals(host().name())) {
                    n++;
                }
            }
            return CompletableFuture.completedFuture(n);
        }

        /** The broadcasts with acks of this adapter whose remote acks are still awaited. */
        public int pendingAckRequestCount() {
            return pendingAckRequests();
        }

        /** The requests of this adapter still waiting for answers. */
        public int pendingRequestCount() {
            return pendingRequests();
        }

        @Override
        public void close() {
            bus.members.remove(this);
            super.close();
        }
    }
}
