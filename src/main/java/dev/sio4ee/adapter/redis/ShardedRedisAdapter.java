package dev.sio4ee.adapter.redis;

import dev.sio4ee.adapter.Adapter;
import dev.sio4ee.adapter.AdapterHost;
import dev.sio4ee.adapter.ClusterAdapter;
import dev.sio4ee.adapter.ClusterMessage;
import dev.sio4ee.adapter.RoomListener;
import dev.sio4ee.adapter.redis.RedisAdapterOptions.SubscriptionMode;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The adapter of Node's {@code createShardedAdapter} ({@code @socket.io/redis-adapter} 8.3): the
 * {@link ClusterAdapter} messages over Redis 7 sharded pub/sub ({@code SSUBSCRIBE} / {@code SPUBLISH}), on a single
 * Redis or a Redis Cluster, so that sio4ee nodes and Node socket.io nodes using that adapter form one cluster.
 *
 * <p>Channels of a namespace {@code nsp} with the prefix {@code p} (default {@code socket.io}): {@code p#nsp#}
 * carries every message, {@code p#nsp#<uid>#} the responses to this server (its uid is 16 hex digits), and in the
 * dynamic {@linkplain SubscriptionMode modes} {@code p#nsp#<room>#} a broadcast without ack to exactly that one
 * room: this server subscribes a room's channel when the room gets its first local member and unsubscribes it when
 * the last one leaves ({@link SubscriptionMode#DYNAMIC} skips the sockets' own rooms, and sends to the main channel
 * a broadcast whose single room is 20 characters long, the length of a socket id). A message is JSON text, or
 * MessagePack when it carries binary values. The other servers are counted with {@code PUBSUB SHARDNUMSUB p#nsp#}
 * (summed over the masters of a cluster), as Node counts them; nothing else (no heartbeat) is sent.
 *
 * <pre>{@code
 * RedisConnection redis = RedisConnection.open("redis://127.0.0.1:6379");
 * SocketIoServer io = new SocketIoServer(SocketIoOptions.defaults()
 *         .withAdapter(ShardedRedisAdapter.factory(redis, RedisAdapterOptions.defaults())), scheduler);
 * }</pre>
 */
public final class ShardedRedisAdapter extends ClusterAdapter {
    private static final System.Logger LOG = System.getLogger(ShardedRedisAdapter.class.getName());
    /** The length of a socket id ({@code looksLikeASocketId} in Node). */
    private static final int SOCKET_ID_LENGTH = 20;

    private final RedisConnection redis;
    private final SubscriptionMode mode;
    private final String channel;
    private final String responseChannel;
    private final RedisConnection.Subscriber subscriber;
    private final Set<String> subscribedRooms = ConcurrentHashMap.newKeySet();
    private final Object roomLock = new Object();
    private final RoomListener roomListener = new RoomListener() {
        @Override
        public void onCreateRoom(String room) {
            syncRoom(room);
        }

        @Override
        public void onDeleteRoom(String room) {
            syncRoom(room);
        }
    };
    private volatile CompletionStage<Void> subscribed = CompletableFuture.completedFuture(null);
    private volatile boolean closed;

    private ShardedRedisAdapter(AdapterHost host, RedisConnection redis, RedisAdapterOptions options) {
        super(host);
        this.redis = Objects.requireNonNull(redis, "redis");
        this.mode = options.subscriptionMode();
        this.channel = options.channelPrefix() + "#" + host.name() + "#";
        this.responseChannel = channel + uid() + "#";
        this.subscriber = redis.subscriber(this::onRawMessage);
    }

    /**
     * The factory of the adapters of one server (one adapter per namespace), all sharing one Redis connection.
     * <pre>{@code SocketIoOptions.defaults().withAdapter(ShardedRedisAdapter.factory(redis, options))}</pre>
     *
     * @param redis   the connection (opened by the application, closed after the server)
     * @param options {@code channelPrefix} and {@code subscriptionMode} (the same on every node; the classic
     *                adapter's options are not used)
     * @return the factory
     */
    public static Adapter.Factory factory(RedisConnection redis, RedisAdapterOptions options) {
        Objects.requireNonNull(redis, "redis");
        Objects.requireNonNull(options, "options");
        return host -> create(host, redis, options);
    }

    /**
     * The adapter of one namespace, already subscribing its channels.
     * <pre>{@code ShardedRedisAdapter a = ShardedRedisAdapter.create(nsp, redis, RedisAdapterOptions.defaults());}</pre>
     *
     * @param host    the namespace
     * @param redis   the connection
     * @param options {@code channelPrefix} and {@code subscriptionMode}
     * @return the adapter
     */
    public static ShardedRedisAdapter create(AdapterHost host, RedisConnection redis,
                                             RedisAdapterOptions options) {
        ShardedRedisAdapter adapter = new ShardedRedisAdapter(host, redis, Objects.requireNonNull(options, "options"));
        adapter.start();
        return adapter;
    }

    private void start() {
        // one SSUBSCRIBE per channel: on a Redis Cluster the two channels hash to different slots (CROSSSLOT)
        subscribed = subscriber.ssubscribe(channel).thenCombine(subscriber.ssubscribe(responseChannel),
                (x, y) -> null);
        subscribed.whenComplete((v, e) -> {
            if (e != null) {
                LOG.log(System.Logger.Level.DEBUG, "SSUBSCRIBE " + channel + " failed", e);
            }
        });
        if (mode != SubscriptionMode.STATIC) {
            addRoomListener(roomListener);
        }
    }

    /**
     * Completes when Redis confirmed the subscription of this namespace's two channels (after Redis became
     * reachable, if it was not when the adapter was created).
     * <pre>{@code adapter.subscribed().toCompletableFuture().join();}</pre>
     *
     * @return the confirmation
     */
    public CompletionStage<Void> subscribed() {
        return subscribed;
    }

    /**
     * The channel of this namespace that carries every message, {@code <prefix>#<nsp>#}.
     * <pre>{@code adapter.channel() // "socket.io#/chat#"}</pre>
     *
     * @return the channel name
     */
    public String channel() {
        return channel;
    }

    /**
     * The channel of a room in the dynamic modes, {@code <prefix>#<nsp>#<room>#}.
     * <pre>{@code adapter.roomChannel("room1") // "socket.io#/#room1#"}</pre>
     *
     * @param room the room
     * @return the channel name
     */
    public String roomChannel(String room) {
        return channel + room + "#";
    }

    /** Brings the subscription of a room's channel in line with the room as it is now (events may race). */
    private void syncRoom(String room) {
        synchronized (roomLock) {
            boolean wanted = !closed && hasRoom(room)
                    && (mode == SubscriptionMode.DYNAMIC_PRIVATE || !hasSocket(room));
            if (wanted && subscribedRooms.add(room)) {
                logFailure(subscriber.ssubscribe(roomChannel(room)), "SSUBSCRIBE", room);
            } else if (!wanted && subscribedRooms.remove(room)) {
                logFailure(subscriber.sunsubscribe(roomChannel(room)), "SUNSUBSCRIBE", room);
            }
        }
    }

    private void logFailure(CompletionStage<Void> stage, String command, String room) {
        stage.whenComplete((v, e) -> {
            if (e != null && !closed) {
                LOG.log(System.Logger.Level.DEBUG, command + " " + roomChannel(room) + " failed", e);
            }
        });
    }

    private void onRawMessage(String from, byte[] raw) {
        ClusterMessage message;
        try {
            message = ShardedCodec.decode(raw);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "ignored a malformed message on " + from + ": " + e.getMessage());
            return;
        }
        if (from.equals(responseChannel)) {
            onResponse(message);
        } else {
            onMessage(message);
        }
    }

    @Override
    protected CompletionStage<String> doPublish(ClusterMessage message) {
        return redis.spublish(channelOf(message), ShardedCodec.encode(message)).thenApply(n -> null);
    }

    /** The room's channel for a broadcast without ack to exactly one room (dynamic modes), else the main one. */
    private String channelOf(ClusterMessage message) {
        if (mode == SubscriptionMode.STATIC || message.type() != ClusterMessage.Type.BROADCAST
                || message.requestId() != null
                || !(message.data().get("opts") instanceof JsonObject opts)
                || !(opts.get("rooms") instanceof JsonArray rooms) || rooms.size() != 1
                || !(rooms.get(0) instanceof JsonString room)) {
            return channel;
        }
        String name = room.getString();
        if (mode == SubscriptionMode.DYNAMIC && name.length() == SOCKET_ID_LENGTH) {
            return channel;
        }
        return roomChannel(name);
    }

    @Override
    protected CompletionStage<Void> doPublishResponse(String requesterUid, ClusterMessage response) {
        return redis.spublish(channel + requesterUid + "#", ShardedCodec.encode(response)).thenApply(n -> null);
    }

    /**
     * The servers subscribed to this namespace's channel, this one included ({@code PUBSUB SHARDNUMSUB}).
     * <pre>{@code adapter.serverCount().thenAccept(n -> log(n + " servers"));}</pre>
     *
     * @return the count; fails when Redis is not reachable
     */
    @Override
    public CompletionStage<Integer> serverCount() {
        return redis.shardNumsub(channel).thenApply(Long::intValue);
    }

    /** The rooms whose channel is subscribed now, for tests. */
    Set<String> subscribedRooms() {
        return Set.copyOf(subscribedRooms);
    }

    /**
     * Unsubscribes every channel of this namespace, fails the pending requests and forgets the local rooms.
     * <pre>{@code adapter.close();}</pre>
     */
    @Override
    public void close() {
        synchronized (roomLock) {
            closed = true;
            subscribedRooms.clear();
        }
        removeRoomListener(roomListener);
        subscriber.close();
        super.close();
    }

    /**
     * A readable form: the main channel, the mode and the uid.
     * <pre>{@code adapter.toString() // ShardedRedisAdapter[socket.io#/#, dynamic, uid 3f2a...]}</pre>
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "ShardedRedisAdapter[" + channel + ", " + mode.nodeName() + ", uid " + uid() + "]";
    }
}
