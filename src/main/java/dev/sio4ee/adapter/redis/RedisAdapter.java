package dev.sio4ee.adapter.redis;

import static dev.sio4ee.adapter.redis.ClassicWire.ALL_ROOMS;
import static dev.sio4ee.adapter.redis.ClassicWire.BROADCAST;
import static dev.sio4ee.adapter.redis.ClassicWire.BROADCAST_ACK;
import static dev.sio4ee.adapter.redis.ClassicWire.BROADCAST_CLIENT_COUNT;
import static dev.sio4ee.adapter.redis.ClassicWire.REMOTE_DISCONNECT;
import static dev.sio4ee.adapter.redis.ClassicWire.REMOTE_FETCH;
import static dev.sio4ee.adapter.redis.ClassicWire.REMOTE_JOIN;
import static dev.sio4ee.adapter.redis.ClassicWire.REMOTE_LEAVE;
import static dev.sio4ee.adapter.redis.ClassicWire.SERVER_SIDE_EMIT;
import static dev.sio4ee.adapter.redis.ClassicWire.SOCKETS;

import dev.sio4ee.adapter.Adapter;
import dev.sio4ee.adapter.AdapterHost;
import dev.sio4ee.adapter.BroadcastOptions;
import dev.sio4ee.adapter.ClusterCodec;
import dev.sio4ee.adapter.ClusterRequest;
import dev.sio4ee.adapter.InMemoryAdapter;
import dev.sio4ee.adapter.LocalSocket;
import dev.sio4ee.adapter.SocketDetails;
import dev.sio4ee.protocol.Binary;
import dev.sio4ee.protocol.Packet;
import dev.sio4ee.protocol.PacketType;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The adapter of Node's {@code @socket.io/redis-adapter} {@code createAdapter} (the classic one, Redis PUBLISH and
 * SUBSCRIBE), wire-compatible with it so that sio4ee nodes and Node nodes serve one cluster: broadcasts are msgpack
 * {@code [uid, packet, opts]} on {@code <key>#<nsp>#} (or {@code <key>#<nsp>#<room>#} for exactly one room),
 * requests go to {@code <key>-request#<nsp>#} (JSON, msgpack for broadcasts with acks), answers to
 * {@code <key>-response#<nsp>#} (or the requester's own {@code <key>-response#<nsp>#<uid>#}), and the servers are
 * counted with {@code PUBSUB NUMSUB} on the request channel. The local rooms are kept by {@link InMemoryAdapter}.
 *
 * <p>Operations on sockets ({@code socketsJoin}, {@code socketsLeave}, {@code disconnectSockets}) are applied here
 * at once and published to the others, so they work for this server's clients while Redis is away; broadcasts
 * likewise. Requests (fetchSockets, serverSideEmitWithAck, allRooms) fail when Redis cannot be reached, and with a
 * {@link TimeoutException} when some server does not answer in time. Malformed or unknown
 * messages are logged at DEBUG and ignored.
 *
 * <pre>{@code
 * RedisConnection redis = RedisConnection.open("redis://127.0.0.1:6379");
 * SocketIoOptions opts = SocketIoOptions.defaults()
 *         .withAdapter(RedisAdapter.factory(redis, RedisAdapterOptions.defaults()));
 * }</pre>
 */
public class RedisAdapter extends InMemoryAdapter {
    private static final System.Logger LOG = System.getLogger(RedisAdapter.class.getName());
    /** How long the acks of remote clients are awaited for a broadcast without timeout. */
    static final long ACK_RETENTION = 10 * 60_000;

    private record AckRequest(IntConsumer clientCount, Consumer<Packet> ack) { }

    private record Pending(int type, ClusterRequest<Object> request) { }

    private final RedisConnection redis;
    private final RedisAdapterOptions options;
    private final ClassicWire.Channels channels;
    private final String uid = ClassicWire.uid(6);
    private final RedisConnection.Subscriber subscriber;
    private final CompletableFuture<Void> ready;
    private final Map<String, Pending> requests = new ConcurrentHashMap<>();
    private final Map<String, AckRequest> ackRequests = new ConcurrentHashMap<>();

    /**
     * Creates the adapter of a namespace and subscribes its channels.
     * <pre>{@code Adapter.Factory f = host -> new RedisAdapter(host, redis, RedisAdapterOptions.defaults());}</pre>
     *
     * @param host    the namespace
     * @param redis   the application's Redis connection
     * @param options the options
     */
    public RedisAdapter(AdapterHost host, RedisConnection redis, RedisAdapterOptions options) {
        super(host);
        this.redis = Objects.requireNonNull(redis, "redis");
        this.options = Objects.requireNonNull(options, "options");
        this.channels = new ClassicWire.Channels(options.key(), host.name());
        this.subscriber = redis.subscriber(this::onRedisMessage);
        CompletableFuture<Void> patterns = subscriber.psubscribe(channels.pattern()).toCompletableFuture();
        CompletableFuture<Void> plain = subscriber.subscribe(channels.request(), channels.response(),
                channels.response(uid)).toCompletableFuture();
        this.ready = CompletableFuture.allOf(patterns, plain);
    }

    /**
     * The factory to give to the server: one adapter per namespace, all on the same connection.
     * <pre>{@code SocketIoOptions.defaults().withAdapter(RedisAdapter.factory(redis, RedisAdapterOptions.defaults()))}</pre>
     *
     * @param redis   the application's Redis connection
     * @param options the options
     * @return the factory
     */
    public static Adapter.Factory factory(RedisConnection redis, RedisAdapterOptions options) {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(options, "options");
        return host -> new RedisAdapter(host, redis, options);
    }

    /**
     * This adapter's uid in the cluster: 6 url-safe characters, as Node's {@code uid2(6)}.
     * <pre>{@code String me = adapter.uid();}</pre>
     *
     * @return the uid
     */
    public String uid() {
        return uid;
    }

    /**
     * Completes when Redis confirmed this adapter's subscriptions (later, if Redis was down when it was created).
     * <pre>{@code adapter.ready().toCompletableFuture().get(5, TimeUnit.SECONDS);}</pre>
     *
     * @return the stage
     */
    public CompletionStage<Void> ready() {
        return ready;
    }

    /**
     * Publishes the broadcast (unless {@code flags.local}), then writes it to the local sockets.
     * <pre>{@code adapter.broadcast(Packet.event("/", "news", List.of("hi")), BroadcastOptions.rooms("room1"));}</pre>
     *
     * @param packet the EVENT packet
     * @param opts   the targets and flags
     */
    @Override
    public void broadcast(Packet packet, BroadcastOptions opts) {
        if (!opts.flags().local()) {
            publish(channels.broadcast(opts), () -> ClassicWire.broadcast(uid, packet, host().name(), opts));
        }
        super.broadcast(packet, opts);
    }

    /**
     * Publishes the broadcast as a request with acks (unless {@code flags.local}): every other server reports how
     * many of its clients it reached, then each client's ack; then sends it to the local sockets.
     * <pre>{@code adapter.broadcastWithAck(packet, opts, count -> expected += count, ack -> answers.add(ack));}</pre>
     *
     * @param packet      the EVENT packet
     * @param opts        the targets and flags ({@code timeout}: how long remote acks are awaited)
     * @param clientCount called once per server with the number of its clients reached
     * @param ack         called with each client's ACK packet
     */
    @Override
    public void broadcastWithAck(Packet packet, BroadcastOptions opts, IntConsumer clientCount,
                                 Consumer<Packet> ack) {
        if (!opts.flags().local()) {
            String requestId = ClassicWire.uid(6);
            ackRequests.put(requestId, new AckRequest(clientCount, ack));
            publish(channels.request(), () -> MsgPack.encode(ClassicWire.object().add("uid", uid)
                    .add("requestId", requestId).add("type", BROADCAST)
                    .add("packet", ClusterCodec.packet(packet.withId(null), host().name()))
                    .add("opts", ClassicWire.options(opts)).build(), packet.attachments()));
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
            publishRequest(ClassicWire.object().add("uid", uid).add("type", REMOTE_JOIN)
                    .add("opts", ClassicWire.targets(opts)).add("rooms", ClusterCodec.strings(rooms)).build(), List.of());
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
            publishRequest(ClassicWire.object().add("uid", uid).add("type", REMOTE_LEAVE)
                    .add("opts", ClassicWire.targets(opts)).add("rooms", ClusterCodec.strings(rooms)).build(), List.of());
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
            publishRequest(ClassicWire.object().add("uid", uid).add("type", REMOTE_DISCONNECT)
                    .add("opts", ClassicWire.targets(opts)).add("close", close).build(), List.of());
        }
        super.disconnectSockets(opts, close);
    }

    /**
     * The matching sockets of every server (only here with {@code flags.local}); fails when some server did not
     * answer within {@code requestsTimeout}.
     * <pre>{@code adapter.fetchSockets(BroadcastOptions.rooms("room1")).thenAccept(list -> ...);}</pre>
     *
     * @param opts the targets
     * @return the sockets
     */
    @Override
    public CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions opts) {
        CompletionStage<List<SocketDetails>> local = super.fetchSockets(opts);
        if (opts.flags().local()) {
            return local;
        }
        return local.thenCompose(mine -> request(REMOTE_FETCH, 0, ClassicWire.object()
                .add("opts", ClassicWire.targets(opts)), mine, options.requestsTimeout()));
    }

    /**
     * The names of the rooms of every server (Node's {@code allRooms()}); fails when some server did not answer
     * within {@code requestsTimeout}.
     * <pre>{@code adapter.allRooms().thenAccept(rooms -> ...);}</pre>
     *
     * @return the room names
     */
    public CompletionStage<Set<String>> allRooms() {
        List<String> local = new ArrayList<>(rooms().keySet());
        return this.<String>request(ALL_ROOMS, 0, ClassicWire.object(), local, options.requestsTimeout())
                .thenApply(LinkedHashSet::new);
    }

    /**
     * The ids of the sockets in the rooms on every server (the legacy request type 0, Node's former
     * {@code allSockets}); fails when some server did not answer within {@code requestsTimeout}.
     * <pre>{@code adapter.allSockets(Set.of("room1")).thenAccept(ids -> ...);}</pre>
     *
     * @param rooms the rooms (none: all sockets)
     * @return the socket ids
     */
    public CompletionStage<Set<String>> allSockets(Set<String> rooms) {
        return sockets(rooms).thenCompose(mine -> this.<String>request(SOCKETS, 0, ClassicWire.object()
                .add("rooms", ClusterCodec.strings(rooms)), new ArrayList<>(mine), options.requestsTimeout()))
                .thenApply(LinkedHashSet::new);
    }

    /**
     * Makes one socket, wherever it is connected, join a room (the legacy request type 2 with {@code sid}); fails
     * when no server answered within {@code requestsTimeout}.
     * <pre>{@code adapter.remoteJoin(socketId, "room1").toCompletableFuture().join();}</pre>
     *
     * @param id   the socket id
     * @param room the room
     * @return completes when the socket's server confirmed
     */
    public CompletionStage<Void> remoteJoin(String id, String room) {
        return legacy(REMOTE_JOIN, id, s -> s.join(Set.of(room)), b -> b.add("room", room));
    }

    /**
     * Makes one socket, wherever it is connected, leave a room (the legacy request type 3).
     * <pre>{@code adapter.remoteLeave(socketId, "room1");}</pre>
     *
     * @param id   the socket id
     * @param room the room
     * @return completes when the socket's server confirmed
     */
    public CompletionStage<Void> remoteLeave(String id, String room) {
        return legacy(REMOTE_LEAVE, id, s -> s.leave(room), b -> b.add("room", room));
    }

    /**
     * Disconnects one socket, wherever it is connected (the legacy request type 4).
     * <pre>{@code adapter.remoteDisconnect(socketId, true);}</pre>
     *
     * @param id    the socket id
     * @param close whether to close the underlying connection
     * @return completes when the socket's server confirmed
     */
    public CompletionStage<Void> remoteDisconnect(String id, boolean close) {
        return legacy(REMOTE_DISCONNECT, id, s -> s.disconnect(close), b -> b.add("close", close));
    }

    private CompletionStage<Void> legacy(int type, String id, Consumer<LocalSocket> local,
                                         Consumer<JsonObjectBuilder> fields) {
        LocalSocket socket = host().localSocket(id);
        if (socket != null) {
            local.accept(socket);
            return CompletableFuture.completedFuture(null);
        }
        JsonObjectBuilder b = ClassicWire.object().add("sid", id);
        fields.accept(b);
        // the first answer settles it: only the socket's server answers
        return request(type, 1, b, List.of(), options.requestsTimeout()).thenApply(x -> null);
    }

    /**
     * Publishes an event to the other servers' server-side handlers.
     * <pre>{@code adapter.serverSideEmit(Packet.event("/", "hello", List.of("world")));}</pre>
     *
     * @param packet an EVENT packet {@code [name, ...args]}
     */
    @Override
    public void serverSideEmit(Packet packet) {
        publishRequest(ClassicWire.object().add("uid", uid).add("type", SERVER_SIDE_EMIT)
                .add("data", packet.data()).build(), packet.attachments());
    }

    /**
     * Publishes an event to the other servers and collects the first answer of each; fails with a
     * {@link TimeoutException} when some server did not answer in time.
     * <pre>{@code adapter.serverSideEmitWithAck(packet, 5_000).thenAccept(acks -> ...);}</pre>
     *
     * @param packet        an EVENT packet {@code [name, ...args]}
     * @param timeoutMillis how long to wait for the answers
     * @return one ACK packet {@code [answer]} per other server
     */
    @Override
    public CompletionStage<List<Packet>> serverSideEmitWithAck(Packet packet, long timeoutMillis) {
        return this.<Packet>request(SERVER_SIDE_EMIT, 0, ClassicWire.object().add("data", packet.data()),
                List.of(), timeoutMillis, packet.attachments());
    }

    /**
     * The number of servers subscribed to this namespace's request channel ({@code PUBSUB NUMSUB}, summed over
     * the masters of a Redis Cluster), this one included.
     * <pre>{@code adapter.serverCount().thenAccept(n -> ...);}</pre>
     *
     * @return the count; fails when Redis cannot be reached
     */
    @Override
    public CompletionStage<Integer> serverCount() {
        return redis.numsub(channels.request()).thenApply(Long::intValue);
    }

    private <T> CompletionStage<List<T>> request(int type, int expected, JsonObjectBuilder fields,
                                                 List<T> initial, long timeoutMillis) {
        return request(type, expected, fields, initial, timeoutMillis, List.of());
    }

    /** Sends a request and collects the answers: {@code expected} of them, or one per other server when 0. */
    @SuppressWarnings("unchecked")
    private <T> CompletionStage<List<T>> request(int type, int expected, JsonObjectBuilder fields,
                                                 List<T> initial, long timeoutMillis, List<byte[]> attachments) {
        return serverCount().thenCompose(count -> {
            int awaited = expected > 0 ? expected : count - 1;
            if (count <= 1) {
                if (expected > 0) {
                    return CompletableFuture.failedFuture(new TimeoutException(
                            "no other server to answer the request"));
                }
                return CompletableFuture.completedFuture(List.copyOf(initial));
            }
            String requestId = ClassicWire.uid(6);
            ClusterRequest<Object> request = new ClusterRequest<>(awaited, (List<Object>) initial);
            requests.put(requestId, new Pending(type, request));
            request.cancelTimer(host().schedule(() -> {
                if (requests.remove(requestId) != null) {
                    request.timeOut();
                }
            }, timeoutMillis));
            publishRequest(fields.add("uid", uid).add("requestId", requestId).add("type", type).build(), attachments);
            return request.result().thenApply(list -> (List<T>) list);
        });
    }

    private void publishRequest(JsonObject request, List<byte[]> attachments) {
        publish(channels.request(), () -> ClassicWire.encode(request, attachments));
    }

    private void publishResponse(String requesterUid, JsonObject response, List<byte[]> attachments) {
        String channel = options.publishOnSpecificResponseChannel() && requesterUid != null
                ? channels.response(requesterUid) : channels.response();
        publish(channel, () -> ClassicWire.encode(response, attachments));
    }

    /** Publishes; an encoding or connection failure is logged, never thrown at the caller. */
    void publish(String channel, Supplier<byte[]> message) {
        try {
            redis.publish(channel, message.get()).whenComplete((n, e) -> {
                if (e != null) {
                    LOG.log(System.Logger.Level.DEBUG, "not published on " + channel + ": " + e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot publish on " + channel, e);
        }
    }

    /** Everything this adapter's subscriptions receive, one message at a time, on the connection's executor. */
    private void onRedisMessage(String channel, byte[] message) {
        try {
            if (channel.startsWith(channels.response())) {
                onResponse(ClassicWire.decode(message));
            } else if (channel.equals(channels.request())) {
                onRequest(ClassicWire.decode(message));
            } else if (channel.startsWith(channels.broadcast())) {
                onBroadcast(channel, message);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "ignored a malformed message on " + channel + ": " + e);
        }
    }

    private void onBroadcast(String channel, byte[] message) {
        int start = channels.broadcast().length();
        String room = channel.length() > start ? channel.substring(start, channel.length() - 1) : "";
        if (!room.isEmpty() && !hasRoom(room)) {
            return; // nobody here is in that room
        }
        Binary.Deconstructed d = MsgPack.decode(message);
        JsonArray parts = d.data().asJsonArray();
        if (uid.equals(ClassicWire.string(parts.get(0)))) {
            return;
        }
        JsonObject packet = parts.get(1).asJsonObject();
        String nsp = packet.containsKey("nsp") ? packet.getString("nsp") : Packet.DEFAULT_NAMESPACE;
        if (!host().name().equals(nsp)) {
            return;
        }
        super.broadcast(ClusterCodec.packet(packet, nsp, d.attachments()).withId(null),
                ClusterCodec.options(parts.size() > 2 ? parts.get(2) : null));
    }

    private void onRequest(Binary.Deconstructed d) {
        JsonObject r = d.data().asJsonObject();
        String from = ClassicWire.string(r.get("uid"));
        String requestId = ClassicWire.string(r.get("requestId"));
        boolean mine = uid.equals(from) || (requestId != null && requests.containsKey(requestId));
        int type = ((JsonNumber) r.get("type")).intValueExact();
        switch (type) {
            case SOCKETS -> {
                if (!mine) {
                    sockets(ClusterCodec.strings(r.get("rooms"))).thenAccept(ids -> publishResponse(from,
                            ClassicWire.object().add("requestId", requestId)
                                    .add("sockets", ClusterCodec.strings(ids)).build(), List.of()));
                }
            }
            case ALL_ROOMS -> {
                if (!mine) {
                    publishResponse(from, ClassicWire.object().add("requestId", requestId)
                            .add("rooms", ClusterCodec.strings(rooms().keySet())).build(), List.of());
                }
            }
            case REMOTE_JOIN, REMOTE_LEAVE, REMOTE_DISCONNECT -> onSocketsRequest(type, r, mine, from, requestId);
            case REMOTE_FETCH -> {
                if (!mine) {
                    super.fetchSockets(ClusterCodec.options(r.get("opts"))).thenAccept(list -> {
                        Binary.Deconstructed sockets = ClusterCodec.sockets(list);
                        publishResponse(from, ClassicWire.object().add("requestId", requestId)
                                .add("sockets", sockets.data()).build(), sockets.attachments());
                    });
                }
            }
            case SERVER_SIDE_EMIT -> {
                if (!uid.equals(from)) {
                    onServerSideEmit(r, requestId, d.attachments());
                }
            }
            case BROADCAST -> {
                if (!mine && !ackRequests.containsKey(requestId)) {
                    onBroadcastWithAck(r, from, requestId, d.attachments());
                }
            }
            default -> LOG.log(System.Logger.Level.DEBUG, "ignored a request of unknown type " + type);
        }
    }

    private void onSocketsRequest(int type, JsonObject r, boolean mine, String from, String requestId) {
        if (r.get("opts") instanceof JsonObject o) {
            if (uid.equals(from)) {
                return; // applied here when it was sent
            }
            BroadcastOptions opts = ClusterCodec.options(o);
            switch (type) {
                case REMOTE_JOIN -> super.addSockets(opts, ClusterCodec.strings(r.get("rooms")));
                case REMOTE_LEAVE -> super.delSockets(opts, ClusterCodec.strings(r.get("rooms")));
                default -> super.disconnectSockets(opts, r.getBoolean("close", false));
            }
            return;
        }
        if (mine) {
            return;
        }
        LocalSocket socket = host().localSocket(r.getString("sid"));
        if (socket == null) {
            return;
        }
        switch (type) {
            case REMOTE_JOIN -> socket.join(Set.of(r.getString("room")));
            case REMOTE_LEAVE -> socket.leave(r.getString("room"));
            default -> socket.disconnect(r.getBoolean("close", false));
        }
        publishResponse(from, ClassicWire.object().add("requestId", requestId).build(), List.of());
    }

    private void onServerSideEmit(JsonObject r, String requestId, List<byte[]> attachments) {
        Packet event = new Packet(PacketType.EVENT, host().name(), null, r.get("data"), attachments);
        if (requestId == null) {
            host().onServerSideEmit(event, null);
            return;
        }
        AtomicBoolean called = new AtomicBoolean();
        host().onServerSideEmit(event, values -> {
            if (called.compareAndSet(false, true)) {
                Binary.Deconstructed answer = Binary.deconstruct(values.isEmpty() ? null : values.get(0));
                // Node answers server-side emits on the shared response channel, whatever the option says
                JsonObject response = ClassicWire.object().add("type", SERVER_SIDE_EMIT).add("requestId", requestId)
                        .add("data", answer.data()).build();
                publish(channels.response(), () -> ClassicWire.encode(response, answer.attachments()));
            }
        });
    }

    private void onBroadcastWithAck(JsonObject r, String from, String requestId, List<byte[]> attachments) {
        Packet packet = ClusterCodec.packet(r.get("packet"), host().name(), attachments).withId(null);
        super.broadcastWithAck(packet, ClusterCodec.options(r.get("opts")),
                count -> publishResponse(from, ClassicWire.object().add("type", BROADCAST_CLIENT_COUNT)
                        .add("requestId", requestId).add("clientCount", count).build(), List.of()),
                ack -> {
                    JsonObject first = ClusterCodec.firstArgument(requestId, ack.data());
                    // always msgpack, as Node: the answer may hold binary values
                    publish(options.publishOnSpecificResponseChannel() && from != null ? channels.response(from)
                            : channels.response(), () -> MsgPack.encode(ClassicWire.object()
                            .add("type", BROADCAST_ACK).add("requestId", requestId)
                            .add("packet", first.get("packet")).build(), ack.attachments()));
                });
    }

    private void onResponse(Binary.Deconstructed d) {
        JsonObject r = d.data().asJsonObject();
        String requestId = ClassicWire.string(r.get("requestId"));
        if (requestId == null) {
            return;
        }
        AckRequest ackRequest = ackRequests.get(requestId);
        if (ackRequest != null) {
            int type = r.get("type") instanceof JsonNumber n ? n.intValue() : -1;
            if (type == BROADCAST_CLIENT_COUNT) {
                ackRequest.clientCount.accept(r.getInt("clientCount", 0));
            } else if (type == BROADCAST_ACK) {
                ackRequest.ack.accept(ClusterCodec.ackPacket(r.get("packet"), host().name(), d.attachments()));
            }
            return;
        }
        Pending pending = requests.get(requestId);
        if (pending == null) {
            return;
        }
        List<Object> items = switch (pending.type) {
            case SOCKETS -> r.get("sockets") instanceof JsonArray a ? new ArrayList<>(ClusterCodec.strings(a)) : null;
            case REMOTE_FETCH -> r.get("sockets") instanceof JsonArray a
                    ? new ArrayList<>(ClusterCodec.sockets(a, d.attachments())) : null;
            case ALL_ROOMS -> r.get("rooms") instanceof JsonArray a ? new ArrayList<>(ClusterCodec.strings(a)) : null;
            case SERVER_SIDE_EMIT -> List.of(ClusterCodec.ackPacket(r.get("data"), host().name(), d.attachments()));
            default -> List.of();
        };
        if (items != null && pending.request.add(items)) {
            requests.remove(requestId);
        }
    }

    /**
     * Unsubscribes, fails the pending requests and forgets the local rooms; the connection stays open for the
     * other namespaces (the application closes it).
     * <pre>{@code adapter.close();}</pre>
     */
    @Override
    public void close() {
        subscriber.close();
        requests.values().forEach(p -> p.request.close());
        requests.clear();
        ackRequests.clear();
        super.close();
    }
}
