package dev.sio4ee.adapter;

import dev.sio4ee.adapter.ClusterMessage.Type;
import dev.sio4ee.protocol.Binary;
import dev.sio4ee.protocol.Packet;
import dev.sio4ee.protocol.PacketType;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * An adapter that reaches the other servers of a cluster by publishing {@link ClusterMessage}s (socket.io-adapter's
 * {@code ClusterAdapter}). It keeps the local rooms of {@link InMemoryAdapter}; every operation that targets
 * sockets (broadcast, with or without acks, socketsJoin, socketsLeave, disconnectSockets) is published to the
 * other servers, unless {@code flags.local}, then applied here; fetchSockets and serverSideEmitWithAck collect
 * one response per other server (the count comes from {@link #serverCount()}), or fail with a
 * {@link java.util.concurrent.TimeoutException} on the host's scheduler. A subclass supplies the transport:
 * {@link #doPublish}, {@link #doPublishResponse}, {@link #serverCount()}, and hands what arrives to
 * {@link #onMessage}.
 *
 * <pre>{@code
 * class BusAdapter extends ClusterAdapter {
 *     BusAdapter(AdapterHost host) { super(host); bus.subscribe(this::onMessage); }
 *     protected CompletionStage<String> doPublish(ClusterMessage m) { return bus.publish(m); }
 *     protected CompletionStage<Void> doPublishResponse(String uid, ClusterMessage m) { return bus.send(uid, m); }
 *     public CompletionStage<Integer> serverCount() { return bus.serverCount(); }
 * }
 * SocketIoServer io = new SocketIoServer(SocketIoOptions.defaults().withAdapter(BusAdapter::new), scheduler);
 * }</pre>
 */
public abstract class ClusterAdapter extends InMemoryAdapter {
    /** How long fetchSockets waits for the other servers without {@code flags.timeout} (Node's default). */
    public static final long DEFAULT_TIMEOUT = 5_000;
    /** How long the acks of remote clients are awaited for a broadcast without timeout. */
    static final long ACK_RETENTION = 10 * 60_000;
    private static final System.Logger LOG = System.getLogger(ClusterAdapter.class.getName());

    private record AckRequest(IntConsumer clientCount, Consumer<Packet> ack) {
    }

    private final String uid = ClusterCodec.randomId();
    private final Map<String, ClusterRequest<?>> requests = new ConcurrentHashMap<>();
    private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();

    /**
     * Creates the adapter of a namespace with a new random server uid.
     * <pre>{@code Adapter.Factory f = host -> new RedisAdapter(host, client);}</pre>
     *
     * @param host the namespace
     */
    protected ClusterAdapter(AdapterHost host) {
        super(host);
    }

    /**
     * The unique id of this server's adapter, sent as {@link ClusterMessage#uid()}.
     * <pre>{@code String me = adapter.uid(); // 16 hex digits}</pre>
     *
     * @return the uid
     */
    public String uid() {
        return uid;
    }

    /**
     * Sends a message to every other server of the cluster (the namespace's adapter there).
     * <pre>{@code protected CompletionStage<String> doPublish(ClusterMessage m) { return bus.publish(m); }}</pre>
     *
     * @param message the message
     * @return completes when sent, with an offset if the transport has one (else null)
     */
    protected abstract CompletionStage<String> doPublish(ClusterMessage message);

    /**
     * Sends a response to the server that made a request.
     * <pre>{@code protected CompletionStage<Void> doPublishResponse(String uid, ClusterMessage m) { return bus.send(uid, m); }}</pre>
     *
     * @param requesterUid the uid of the requesting server
     * @param response     the response
     * @return completes when sent
     */
    protected abstract CompletionStage<Void> doPublishResponse(String requesterUid, ClusterMessage response);

    /**
     * The number of servers of the cluster, this one included, as the transport knows it.
     * <pre>{@code public CompletionStage<Integer> serverCount() { return CompletableFuture.completedFuture(3); }}</pre>
     *
     * @return the count
     */
    @Override
    public abstract CompletionStage<Integer> serverCount();

    /**
     * Handles a message or response from another server: ignored when sent by this server or for another namespace.
     * <pre>{@code bus.subscribe(message -> onMessage(message));}</pre>
     *
     * @param message the message
     */
    protected void onMessage(ClusterMessage message) {
        if (uid.equals(message.uid()) || !host().name().equals(message.nsp())) {
            return;
        }
        try {
            dispatch(message);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "invalid cluster message " + message.toJson(), e);
        }
    }

    private void dispatch(ClusterMessage m) {
        JsonObject data = m.data();
        String requestId = m.requestId();
        switch (m.type()) {
            case BROADCAST -> {
                Packet packet = ClusterCodec.packet(data.get("packet"), host().name(), m.attachments());
                BroadcastOptions opts = ClusterCodec.options(data.get("opts"));
                if (requestId == null) {
                    super.broadcast(packet, opts);
                } else {
                    super.broadcastWithAck(packet, opts,
                            count -> publishResponse(m.uid(), Type.BROADCAST_CLIENT_COUNT,
                                    ClusterCodec.object().add("requestId", requestId).add("clientCount", count)
                                            .build(), List.of()),
                            ack -> publishResponse(m.uid(), Type.BROADCAST_ACK,
                                    ClusterCodec.firstArgument(requestId, ack.data()), ack.attachments()));
                }
            }
            case SOCKETS_JOIN -> super.addSockets(ClusterCodec.options(data.get("opts")),
                    ClusterCodec.strings(data.get("rooms")));
            case SOCKETS_LEAVE -> super.delSockets(ClusterCodec.options(data.get("opts")),
                    ClusterCodec.strings(data.get("rooms")));
            case DISCONNECT_SOCKETS -> super.disconnectSockets(ClusterCodec.options(data.get("opts")),
                    data.getBoolean("close", false));
            case FETCH_SOCKETS -> super.fetchSockets(ClusterCodec.options(data.get("opts"))).thenAccept(list -> {
                Binary.Deconstructed sockets = ClusterCodec.sockets(list);
                publishResponse(m.uid(), Type.FETCH_SOCKETS_RESPONSE, ClusterCodec.object()
                        .add("requestId", requestId).add("sockets", sockets.data()).build(), sockets.attachments());
            });
            case SERVER_SIDE_EMIT -> {
                Packet event = new Packet(PacketType.EVENT, host().name(), null, data.get("packet"),
                        m.attachments());
                host().onServerSideEmit(event, requestId == null ? null : values -> {
                    Binary.Deconstructed answer = Binary.deconstruct(values.isEmpty() ? null : values.get(0));
                    publishResponse(m.uid(), Type.SERVER_SIDE_EMIT_RESPONSE, ClusterCodec.object()
                            .add("requestId", requestId).add("packet", answer.data()).build(), answer.attachments());
                });
            }
            case FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT_RESPONSE, BROADCAST_CLIENT_COUNT, BROADCAST_ACK ->
                    onResponse(m);
            default -> LOG.log(System.Logger.Level.DEBUG, "ignored cluster message of type " + m.type());
        }
    }

    /**
     * Handles a response to a request of this server (a transport may also route responses to {@link #onMessage}).
     * <pre>{@code responses.subscribe(uid(), this::onResponse);}</pre>
     *
     * @param response the response
     */
    protected void onResponse(ClusterMessage response) {
        String requestId = response.requestId();
        if (requestId == null) {
            return;
        }
        JsonObject data = response.data();
        switch (response.type()) {
            case BROADCAST_CLIENT_COUNT -> {
                AckRequest r = ackRequests.get(requestId);
                if (r != null) {
                    r.clientCount.accept(data.getInt("clientCount", 0));
                }
            }
            case BROADCAST_ACK -> {
                AckRequest r = ackRequests.get(requestId);
                if (r != null) {
                    r.ack.accept(ClusterCodec.ackPacket(data.get("packet"), host().name(), response.attachments()));
                }
            }
            case FETCH_SOCKETS_RESPONSE -> respond(requestId,
                    ClusterCodec.sockets(data.get("sockets"), response.attachments()));
            case SERVER_SIDE_EMIT_RESPONSE -> respond(requestId,
                    List.of(ClusterCodec.ackPacket(data.get("packet"), host().name(), response.attachments())));
            default -> LOG.log(System.Logger.Level.DEBUG, "ignored cluster response of type " + response.type());
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void respond(String requestId, List<T> items) {
        ClusterRequest<T> request = (ClusterRequest<T>) requests.get(requestId);
        if (request != null && request.add(items)) {
            requests.remove(requestId);
        }
    }

    /**
     * Publishes a message of this server (uid and namespace filled in); failures are logged.
     * <pre>{@code publish(ClusterMessage.Type.SOCKETS_JOIN, data, List.of());}</pre>
     *
     * @param type        the type
     * @param data        the payload
     * @param attachments the binary values of the payload
     * @return completes with the transport's offset, or exceptionally when publishing failed
     */
    protected CompletionStage<String> publish(Type type, JsonObject data, List<byte[]> attachments) {
        ClusterMessage message = new ClusterMessage(uid, host().name(), type, data, attachments);
        try {
            return doPublish(message).whenComplete((offset, e) -> logFailure(type, e));
        } catch (RuntimeException e) {
            logFailure(type, e);
            return CompletableFuture.failedFuture(e);
        }
    }

    private void publishResponse(String requesterUid, Type type, JsonObject data, List<byte[]> attachments) {
        ClusterMessage message = new ClusterMessage(uid, host().name(), type, data, attachments);
        try {
            doPublishResponse(requesterUid, message).whenComplete((v, e) -> logFailure(type, e));
        } catch (RuntimeException e) {
            logFailure(type, e);
        }
    }

    private static void logFailure(Type type, Throwable e) {
        if (e != null) {
            LOG.log(System.Logger.Level.WARNING, "cannot publish cluster message " + type, e);
        }
    }

    private JsonObjectBuilder withOptions(BroadcastOptions opts) {
        return ClusterCodec.object().add("opts", ClusterCodec.options(opts));
    }

    /**
     * Publishes the broadcast to the other servers (unless {@code flags.local}), then writes it to the local sockets.
     * <pre>{@code adapter.broadcast(Packet.event("/", "news", List.of("hi")), BroadcastOptions.rooms("room1"));}</pre>
     *
     * @param packet the EVENT packet
     * @param opts   the targets and flags
     */
    @Override
    public void broadcast(Packet packet, BroadcastOptions opts) {
        if (!opts.flags().local()) {
            publish(Type.BROADCAST, withOptions(opts).add("packet", ClusterCodec.packet(packet, host().name()))
                    .build(), packet.attachments());
        }
        super.broadcast(packet, opts);
    }

    /**
     * Publishes the broadcast with a request id (unless {@code flags.local}): each other server reports how many
     * clients it reached, then each client's ack; then sends to the local sockets.
     * <pre>{@code adapter.broadcastWithAck(packet, opts, count -> expected += count, ack -> answers.add(ack));}</pre>
     *
     * @param packet      the EVENT packet
     * @param opts        the targets and flags ({@code timeout}: how long remote acks are awaited)
     * @param clientCount called once per server with the number of sockets reached there
     * @param ack         called with each client's ACK packet
     */
    @Override
    public void broadcastWithAck(Packet packet, BroadcastOptions opts, IntConsumer clientCount,
                                 Consumer<Packet> ack) {
        if (!opts.flags().local()) {
            String requestId = ClusterCodec.randomId();
            ackRequests.put(requestId, new AckRequest(clientCount, ack));
            publish(Type.BROADCAST, withOptions(opts).add("packet", ClusterCodec.packet(packet, host().name()))
                    .add("requestId", requestId).build(), packet.attachments());
            Long timeout = opts.flags().timeout();
            host().schedule(() -> ackRequests.remove(requestId), timeout == null ? ACK_RETENTION : timeout);
        }
        super.broadcastWithAck(packet, opts, clientCount, ack);
    }

    /**
     * Makes the matching sockets of every server join the rooms (only here with {@code flags.local}).
     * <pre>{@code adapter.addSockets(BroadcastOptions.rooms("room1"), Set.of("room2"));}</pre>
     *
     * @param opts  the targets
     * @param rooms the rooms to join
     */
    @Override
    public void addSockets(BroadcastOptions opts, Set<String> rooms) {
        if (!opts.flags().local()) {
            publish(Type.SOCKETS_JOIN, withOptions(opts).add("rooms", ClusterCodec.strings(rooms)).build(),
                    List.of());
        }
        super.addSockets(opts, rooms);
    }

    /**
     * Makes the matching sockets of every server leave the rooms (only here with {@code flags.local}).
     * <pre>{@code adapter.delSockets(BroadcastOptions.ALL, Set.of("room1"));}</pre>
     *
     * @param opts  the targets
     * @param rooms the rooms to leave
     */
    @Override
    public void delSockets(BroadcastOptions opts, Set<String> rooms) {
        if (!opts.flags().local()) {
            publish(Type.SOCKETS_LEAVE, withOptions(opts).add("rooms", ClusterCodec.strings(rooms)).build(),
                    List.of());
        }
        super.delSockets(opts, rooms);
    }

    /**
     * Disconnects the matching sockets of every server (only here with {@code flags.local}).
     * <pre>{@code adapter.disconnectSockets(BroadcastOptions.rooms("room1"), true);}</pre>
     *
     * @param opts  the targets
     * @param close whether to close the underlying connections
     */
    @Override
    public void disconnectSockets(BroadcastOptions opts, boolean close) {
        if (!opts.flags().local()) {
            publish(Type.DISCONNECT_SOCKETS, withOptions(opts).add("close", close).build(), List.of());
        }
        super.disconnectSockets(opts, close);
    }

    /**
     * The matching sockets of every server: the local ones, then those of each other server as it answers.
     * Fails with a {@link java.util.concurrent.TimeoutException} when some server did not answer within
     * {@code flags.timeout} (or {@value #DEFAULT_TIMEOUT} ms).
     * <pre>{@code adapter.fetchSockets(BroadcastOptions.rooms("room1")).thenAccept(list -> ...);}</pre>
     *
     * @param opts the targets ({@code flags.local}: this server only)
     * @return the sockets
     */
    @Override
    public CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions opts) {
        CompletionStage<List<SocketDetails>> local = super.fetchSockets(opts);
        if (opts.flags().local()) {
            return local;
        }
        Long timeout = opts.flags().timeout();
        return local.thenCombine(serverCount(), (mine, count) -> {
            if (count <= 1) {
                return CompletableFuture.completedFuture(mine);
            }
            String requestId = ClusterCodec.randomId();
            ClusterRequest<SocketDetails> request = register(requestId, count - 1, mine,
                    timeout == null ? DEFAULT_TIMEOUT : timeout);
            publish(Type.FETCH_SOCKETS, withOptions(opts).add("requestId", requestId).build(), List.of());
            return request.result();
        }).thenCompose(stage -> stage);
    }

    private <T> ClusterRequest<T> register(String requestId, int expected, List<T> initial, long timeoutMillis) {
        ClusterRequest<T> request = new ClusterRequest<>(expected, initial);
        requests.put(requestId, request);
        request.cancelTimer(host().schedule(() -> {
            if (requests.remove(requestId) != null) {
                request.timeOut();
            }
        }, timeoutMillis));
        return request;
    }

    /**
     * Publishes an event to the other servers, where the namespace's server-side handlers receive it.
     * <pre>{@code adapter.serverSideEmit(Packet.event("/", "hello", List.of("world")));}</pre>
     *
     * @param packet an EVENT packet {@code [name, ...args]}
     */
    @Override
    public void serverSideEmit(Packet packet) {
        publish(Type.SERVER_SIDE_EMIT, ClusterCodec.object().add("packet", packet.data()).build(),
                packet.attachments());
    }

    /**
     * Publishes an event to the other servers and collects the first answer of each (as Node, one argument per
     * server); fails with a {@link java.util.concurrent.TimeoutException} when some server did not answer in time.
     * <pre>{@code adapter.serverSideEmitWithAck(packet, 5_000).thenAccept(acks -> acks.forEach(a -> ...));}</pre>
     *
     * @param packet        an EVENT packet {@code [name, ...args]}
     * @param timeoutMillis how long to wait for the answers
     * @return one ACK packet {@code [answer]} per other server (empty with a single server)
     */
    @Override
    public CompletionStage<List<Packet>> serverSideEmitWithAck(Packet packet, long timeoutMillis) {
        return serverCount().thenCompose(count -> {
            if (count <= 1) {
                return CompletableFuture.completedFuture(List.<Packet>of());
            }
            String requestId = ClusterCodec.randomId();
            ClusterRequest<Packet> request = register(requestId, count - 1, List.of(), timeoutMillis);
            publish(Type.SERVER_SIDE_EMIT, ClusterCodec.object().add("requestId", requestId)
                    .add("packet", packet.data()).build(), packet.attachments());
            return request.result();
        });
    }

    /** The number of broadcasts with acks whose remote acks are still awaited, for tests. */
    int pendingAckRequests() {
        return ackRequests.size();
    }

    /** The number of requests (fetchSockets, serverSideEmitWithAck) still waiting for answers, for tests. */
    int pendingRequests() {
        return requests.size();
    }

    /**
     * Fails the pending requests, forgets the awaited acks and the local rooms.
     * <pre>{@code adapter.close();}</pre>
     */
    @Override
    public void close() {
        requests.values().forEach(ClusterRequest::close);
        requests.clear();
        ackRequests.clear();
        super.close();
    }
}
