package dev.sio4ee.adapter.redis;

import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubListener;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The Redis connections of one application, shared by its Redis adapters (one per namespace) and emitters: one
 * connection for commands ({@code PUBLISH}, {@code SPUBLISH}, {@code PUBSUB NUMSUB}) and one for pub/sub, opened
 * with Lettuce from a URI — {@code redis://[:password@]host[:port][/database]}, {@code rediss://} for TLS, several
 * comma-separated seeds ({@code redis://h1:7000,h2:7001,h3:7002}) for a Redis Cluster.
 *
 * <p>Opening never fails because Redis is down: the connection logs one warning, keeps trying in the background and
 * subscribes what was asked meanwhile once Redis answers; until then (and while a later outage lasts) publishing
 * fails its {@link CompletionStage} at once. Lettuce reconnects a lost connection by itself and restores the
 * subscriptions. Messages that arrive are never handled on Lettuce's event-loop threads: each
 * {@link Subscriber} hands them, in order, to the {@link Executor} given here (a container's managed executor; by
 * default a small pool of its own). {@link #close()} shuts the clients and their threads down.
 *
 * <pre>{@code
 * try (RedisConnection redis = RedisConnection.open("redis://127.0.0.1:6379")) {
 *     RedisConnection.Subscriber sub = redis.subscriber((channel, message) -> handle(channel, message));
 *     sub.psubscribe("socket.io#/#*").toCompletableFuture().join();
 *     redis.publish("socket.io#/#", bytes);
 * }
 * }</pre>
 */
public final class RedisConnection implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RedisConnection.class.getName());
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** Incoming messages waiting per subscriber before new ones are dropped. */
    static final int QUEUE_LIMIT = 100_000;
    private static final long RETRY_MIN_MS = 100;
    private static final long RETRY_MAX_MS = 5_000;
    private static final AtomicInteger POOLS = new AtomicInteger();

    /**
     * Receives the messages of a {@link Subscriber}'s channels, one at a time and in order, on the connection's
     * executor.
     */
    @FunctionalInterface
    public interface MessageListener {
        /**
         * One message.
         * <pre>{@code RedisConnection.MessageListener l = (channel, message) -> System.out.println(channel);}</pre>
         *
         * @param channel the channel it was published on
         * @param message the message bytes
         */
        void onMessage(String channel, byte[] message);
    }

    private enum Kind {
        CHANNEL, PATTERN, SHARD
    }

    /** The live connections once Redis answered. */
    private record Links(StatefulConnection<String, byte[]> commandConnection,
                         BaseRedisAsyncCommands<String, byte[]> commands,
                         StatefulRedisPubSubConnection<String, byte[]> pubSub) {
    }

    private final String description;
    private final List<RedisURI> uris;
    private final boolean cluster;
    private final LettuceClient lettuce;
    private final Executor executor;
    private final ExecutorService ownExecutor;
    private final Map<Kind, Map<String, Set<Subscriber>>> routes = new ConcurrentHashMap<>();
    private final List<CompletableFuture<Void>> waitingForLinks = new ArrayList<>();
    private volatile Links links;
    /** Completes (normally) when the first connection attempt succeeded or failed. */
    private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
    /** The last command waiting for the first attempt (guarded by this). */
    private CompletableFuture<?> startupTail = firstAttempt;
    private volatile boolean closed;
    private int attempts;
    private int warnings;

    private RedisConnection(String uri, Executor executor) {
        this.uris = LettuceClient.parse(uri);
        this.description = uris.stream().map(u -> (u.isSsl() ? "rediss://" : "redis://") + u.getHost() + ":"
                + u.getPort()).reduce((a, b) -> a + "," + b).orElseThrow();
        this.cluster = uris.size() > 1;
        for (Kind k : Kind.values()) {
            routes.put(k, new ConcurrentHashMap<>());
        }
        if (executor == null) {
            this.ownExecutor = defaultExecutor();
            this.executor = ownExecutor;
        } else {
            this.ownExecutor = null;
            this.executor = executor;
        }
        this.lettuce = new LettuceClient(uris, RETRY_MIN_MS, RETRY_MAX_MS);
    }

    /**
     * Opens the connections to Redis in the background, delivering messages on a small pool of its own.
     * <pre>{@code RedisConnection redis = RedisConnection.open("redis://:secret@127.0.0.1:6379/0");}</pre>
     *
     * @param uri {@code redis://} or {@code rediss://} URI, or comma-separated cluster seeds
     * @return the connection (Redis may not be reached yet)
     * @throws IllegalArgumentException when the URI is malformed
     */
    public static RedisConnection open(String uri) {
        return open(uri, null);
    }

    /**
     * Opens the connections to Redis in the background, delivering messages on the given executor.
     * <pre>{@code RedisConnection redis = RedisConnection.open(uri, managedExecutorService);}</pre>
     *
     * @param uri      {@code redis://} or {@code rediss://} URI, or comma-separated cluster seeds
     * @param executor where incoming messages are handled (null: a small pool of the connection's own)
     * @return the connection (Redis may not be reached yet)
     * @throws IllegalArgumentException when the URI is malformed
     */
    public static RedisConnection open(String uri, Executor executor) {
        try {
            RedisConnection c = new RedisConnection(uri, executor);
            c.connect();
            return c;
        } finally {
            ForeignThreads.forget();
        }
    }

    /**
     * Whether this is a Redis Cluster connection (several seeds were given).
     * <pre>{@code if (redis.isCluster()) { ... }}</pre>
     *
     * @return true for a cluster
     */
    public boolean isCluster() {
        return cluster;
    }

    /**
     * Whether both connections are up now.
     * <pre>{@code boolean up = redis.isConnected();}</pre>
     *
     * @return true when connected
     */
    public boolean isConnected() {
        Links l = links;
        return l != null && !closed && l.commandConnection.isOpen() && l.pubSub.isOpen();
    }

    /**
     * {@code PUBLISH channel message}.
     * <pre>{@code redis.publish("socket.io#/#", bytes).thenAccept(receivers -> ...);}</pre>
     *
     * @param channel the channel
     * @param message the bytes
     * @return the number of receivers Redis reports; fails when Redis is not reachable
     */
    public CompletionStage<Long> publish(String channel, byte[] message) {
        return command(c -> c.publish(channel, message));
    }

    /**
     * {@code SPUBLISH channel message} (Redis 7 sharded pub/sub).
     * <pre>{@code redis.spublish("socket.io#/#", bytes);}</pre>
     *
     * @param channel the shard channel
     * @param message the bytes
     * @return the number of receivers Redis reports; fails when Redis is not reachable
     */
    public CompletionStage<Long> spublish(String channel, byte[] message) {
        return command(c -> c.spublish(channel, message));
    }

    /**
     * {@code PUBSUB NUMSUB channel}: the subscribers of a channel, summed over all masters on a Redis Cluster.
     * <pre>{@code redis.numsub("socket.io-request#/#").thenAccept(servers -> ...);}</pre>
     *
     * @param channel the channel
     * @return the count; fails when Redis is not reachable
     */
    public CompletionStage<Long> numsub(String channel) {
        return count(channel, false);
    }

    /**
     * {@code PUBSUB SHARDNUMSUB channel}: the subscribers of a shard channel, summed over all masters on a Redis
     * Cluster.
     * <pre>{@code redis.shardNumsub("socket.io#/#").thenAccept(servers -> ...);}</pre>
     *
     * @param channel the shard channel
     * @return the count; fails when Redis is not reachable
     */
    public CompletionStage<Long> shardNumsub(String channel) {
        return count(channel, true);
    }

    @SuppressWarnings("unchecked")
    private CompletionStage<Long> count(String channel, boolean shard) {
        Links l = links;
        if (l == null && !closed && !firstAttempt.isDone()) {
            return firstAttempt.thenCompose(v -> count(channel, shard));
        }
        if (l == null || closed) {
            return notConnected();
        }
        try {
            if (l.commandConnection instanceof StatefulRedisClusterConnection<?, ?> cc) {
                var masters = ((StatefulRedisClusterConnection<String, byte[]>) cc).async().upstream().commands();
                var each = shard ? masters.pubsubShardNumsub(channel) : masters.pubsubNumsub(channel);
                return explained(each.thenApply(maps -> maps.stream().mapToLong(m -> m.getOrDefault(channel, 0L))
                        .sum()));
            }
            var one = shard ? l.commands.pubsubShardNumsub(channel) : l.commands.pubsubNumsub(channel);
            return explained(one.thenApply(m -> m.getOrDefault(channel, 0L)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            ForeignThreads.forget();
        }
    }

    private <T> CompletionStage<T> command(Function<BaseRedisAsyncCommands<String, byte[]>, CompletionStage<T>> f) {
        Links l = links;
        if (l == null && !closed && !firstAttempt.isDone()) {
            synchronized (this) {
                if (!firstAttempt.isDone()) {
                    // opened a moment ago: wait for the first attempt rather than fail at once, in order (each
                    // waiting command after the one before it)
                    CompletableFuture<T> next = startupTail.handle((x, e) -> null)
                            .thenCompose(v -> command(f)).toCompletableFuture();
                    startupTail = next;
                    return next;
                }
            }
        }
        if (l == null || closed) {
            return notConnected();
        }
        try {
            return explained(f.apply(l.commands));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            ForeignThreads.forget();
        }
    }

    /** A failure of a command says which Redis it was about (Lettuce's messages do not). */
    private <T> CompletionStage<T> explained(CompletionStage<T> stage) {
        return stage.handle((value, e) -> {
            if (e == null) {
                return value;
            }
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            throw new java.util.concurrent.CompletionException(new IllegalStateException("Redis at " + description
                    + ": " + cause.getMessage(), cause));
        });
    }

    private <T> CompletionStage<T> notConnected() {
        return CompletableFuture.failedFuture(new IllegalStateException(closed ? "Redis connection closed"
                : "not connected to Redis at " + description + " (yet)"));
    }

    /**
     * A new subscriber: its listener receives the messages of the channels, patterns and shard channels it
     * subscribes, one at a time, in order, on the connection's executor.
     * <pre>{@code RedisConnection.Subscriber sub = redis.subscriber((channel, message) -> onMessage(channel, message));}</pre>
     *
     * @param listener the listener
     * @return the subscriber
     */
    public Subscriber subscriber(MessageListener listener) {
        return new Subscriber(listener);
    }

    /** Subscriptions of one listener, delivered through one serial queue. */
    public final class Subscriber implements AutoCloseable {
        private final MessageListener listener;
        private final SerialQueue queue;
        private final Map<Kind, Set<String>> mine = new ConcurrentHashMap<>();
        private volatile boolean active = true;

        private Subscriber(MessageListener listener) {
            this.listener = listener;
            this.queue = new SerialQueue(executor, QUEUE_LIMIT, "Redis subscriber");
            for (Kind k : Kind.values()) {
                mine.put(k, ConcurrentHashMap.newKeySet());
            }
        }

        /**
         * {@code SUBSCRIBE} channels.
         * <pre>{@code sub.subscribe("socket.io-request#/#").toCompletableFuture().join();}</pre>
         *
         * @param channels the channels
         * @return completes when Redis confirmed (after it became reachable, if it was not)
         */
        public CompletionStage<Void> subscribe(String... channels) {
            return add(Kind.CHANNEL, channels);
        }

        /**
         * {@code PSUBSCRIBE} patterns.
         * <pre>{@code sub.psubscribe("socket.io#/#*");}</pre>
         *
         * @param patterns the glob patterns
         * @return completes when Redis confirmed
         */
        public CompletionStage<Void> psubscribe(String... patterns) {
            return add(Kind.PATTERN, patterns);
        }

        /**
         * {@code SSUBSCRIBE} shard channels (Redis 7).
         * <pre>{@code sub.ssubscribe("socket.io#/#");}</pre>
         *
         * @param channels the shard channels
         * @return completes when Redis confirmed
         */
        public CompletionStage<Void> ssubscribe(String... channels) {
            return add(Kind.SHARD, channels);
        }

        /**
         * {@code UNSUBSCRIBE} channels (unless another subscriber of this connection still listens to them).
         * <pre>{@code sub.unsubscribe("socket.io-request#/#");}</pre>
         *
         * @param channels the channels
         * @return completes when Redis confirmed
         */
        public CompletionStage<Void> unsubscribe(String... channels) {
            return remove(Kind.CHANNEL, channels);
        }

        /**
         * {@code PUNSUBSCRIBE} patterns (unless another subscriber still listens to them).
         * <pre>{@code sub.punsubscribe("socket.io#/#*");}</pre>
         *
         * @param patterns the patterns
         * @return completes when Redis confirmed
         */
        public CompletionStage<Void> punsubscribe(String... patterns) {
            return remove(Kind.PATTERN, patterns);
        }

        /**
         * {@code SUNSUBSCRIBE} shard channels (unless another subscriber still listens to them).
         * <pre>{@code sub.sunsubscribe("socket.io#/#room#");}</pre>
         *
         * @param channels the shard channels
         * @return completes when Redis confirmed
         */
        public CompletionStage<Void> sunsubscribe(String... channels) {
            return remove(Kind.SHARD, channels);
        }

        /**
         * Unsubscribes everything of this subscriber; messages already queued are not delivered any more.
         * <pre>{@code sub.close();}</pre>
         */
        @Override
        public void close() {
            active = false;
            for (Kind k : Kind.values()) {
                remove(k, mine.get(k).toArray(String[]::new));
            }
        }

        private CompletionStage<Void> add(Kind kind, String... names) {
            if (!active) {
                return CompletableFuture.failedFuture(new IllegalStateException("subscriber closed"));
            }
            mine.get(kind).addAll(List.of(names));
            for (String n : names) {
                routes.get(kind).computeIfAbsent(n, x -> new CopyOnWriteArraySet<>()).add(this);
            }
            return send(kind, true, List.of(names));
        }

        private CompletionStage<Void> remove(Kind kind, String... names) {
            List<String> gone = new ArrayList<>();
            for (String n : names) {
                mine.get(kind).remove(n);
                Set<Subscriber> set = routes.get(kind).get(n);
                if (set != null) {
                    set.remove(this);
                    if (set.isEmpty() && routes.get(kind).remove(n, set)) {
                        gone.add(n);
                    }
                }
            }
            return gone.isEmpty() || links == null ? CompletableFuture.completedFuture(null)
                    : send(kind, false, gone);
        }

        private void deliver(String channel, byte[] message) {
            if (active) {
                queue.submit(() -> {
                    if (active) {
                        listener.onMessage(channel, message);
                    }
                });
            }
        }
    }

    private synchronized CompletionStage<Void> send(Kind kind, boolean subscribe, Collection<String> names) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("Redis connection closed"));
        }
        Links l = links;
        if (l == null) {
            if (!subscribe) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> f = new CompletableFuture<>();
            waitingForLinks.add(f);
            return f;
        }
        return issue(l, kind, subscribe, names.toArray(String[]::new));
    }

    private static CompletionStage<Void> issue(Links l, Kind kind, boolean subscribe, String[] names) {
        if (names.length == 0) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            RedisPubSubAsyncCommands<String, byte[]> c = l.pubSub.async();
            return switch (kind) {
                case CHANNEL -> subscribe ? c.subscribe(names) : c.unsubscribe(names);
                case PATTERN -> subscribe ? c.psubscribe(names) : c.punsubscribe(names);
                case SHARD -> eachShard(c, subscribe, names);
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        } finally {
            ForeignThreads.forget();
        }
    }

    /**
     * One {@code SSUBSCRIBE}/{@code SUNSUBSCRIBE} per shard channel: on a Redis Cluster the channels of one command
     * must hash to one slot (else {@code CROSSSLOT}), and Lettuce routes each command to its slot's node.
     */
    private static CompletionStage<Void> eachShard(RedisPubSubAsyncCommands<String, byte[]> c, boolean subscribe,
                                                   String[] names) {
        CompletableFuture<?>[] all = new CompletableFuture<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            all[i] = (subscribe ? c.ssubscribe(names[i]) : c.sunsubscribe(names[i])).toCompletableFuture();
        }
        return CompletableFuture.allOf(all);
    }

    /** Routes what Lettuce's event loop receives to the subscribers' queues; nothing else runs on that thread. */
    private final class Router implements RedisPubSubListener<String, byte[]> {
        @Override
        public void message(String channel, byte[] message) {
            route(Kind.CHANNEL, channel, channel, message);
        }

        @Override
        public void message(String pattern, String channel, byte[] message) {
            route(Kind.PATTERN, pattern, channel, message);
        }

        @Override
        public void smessage(String shardChannel, byte[] message) {
            route(Kind.SHARD, shardChannel, shardChannel, message);
        }

        private void route(Kind kind, String key, String channel, byte[] message) {
            Set<Subscriber> subs = routes.get(kind).get(key);
            if (subs != null) {
                for (Subscriber s : subs) {
                    s.deliver(channel, message);
                }
            }
        }

        // the (un)subscription confirmations complete the commands' futures already
        @Override
        public void subscribed(String channel, long count) {
        }

        @Override
        public void psubscribed(String pattern, long count) {
        }

        @Override
        public void unsubscribed(String channel, long count) {
        }

        @Override
        public void punsubscribed(String pattern, long count) {
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        CompletableFuture<StatefulConnection<String, byte[]>> commands;
        CompletableFuture<StatefulRedisPubSubConnection<String, byte[]>> pubSub;
        try {
            commands = lettuce.connectCommands(CODEC);
            pubSub = lettuce.connectPubSub(CODEC, commands);
        } catch (RuntimeException e) {
            failed(e);
            return;
        }
        commands.thenCombine(pubSub, (cmd, ps) -> {
            connected(cmd, ps);
            return null;
        }).exceptionally(e -> {
            commands.thenAccept(StatefulConnection::closeAsync);
            pubSub.thenAccept(StatefulConnection::closeAsync);
            failed(e);
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private void connected(StatefulConnection<String, byte[]> cmd, StatefulRedisPubSubConnection<String, byte[]> ps) {
        BaseRedisAsyncCommands<String, byte[]> commands = cmd instanceof StatefulRedisClusterConnection<?, ?> cc
                ? ((StatefulRedisClusterConnection<String, byte[]>) cc).async()
                : ((StatefulRedisConnection<String, byte[]>) cmd).async();
        ps.addListener(new Router());
        List<CompletableFuture<Void>> waiting;
        List<CompletionStage<Void>> subscribed = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                cmd.closeAsync();
                ps.closeAsync();
                return;
            }
            Links l = new Links(cmd, commands, ps);
            links = l;
            for (Kind k : Kind.values()) {
                subscribed.add(issue(l, k, true, routes.get(k).keySet().toArray(String[]::new)));
            }
            waiting = new ArrayList<>(waitingForLinks);
            waitingForLinks.clear();
            if (attempts > 0) {
                LOG.log(System.Logger.Level.INFO, "connected to Redis at " + description + " after " + attempts
                        + " failed attempts");
            }
            attempts = 0;
        }
        firstAttempt.complete(null);
        CompletableFuture<Void> all = CompletableFuture.allOf(subscribed.stream()
                .map(CompletionStage::toCompletableFuture).toArray(CompletableFuture[]::new));
        all.whenComplete((v, e) -> waiting.forEach(f -> {
            if (e == null) {
                f.complete(null);
            } else {
                f.completeExceptionally(e);
            }
        }));
    }

    private void failed(Throwable e) {
        long delay;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (attempts++ == 0) {
                warnings++;
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                LOG.log(System.Logger.Level.WARNING, "Redis at " + description + " is not reachable ("
                        + cause.getMessage() + "): this server serves its own clients only and joins the cluster"
                        + " as soon as Redis answers (retrying in the background)");
            }
            delay = Math.min(RETRY_MAX_MS, RETRY_MIN_MS << Math.min(attempts, 6));
        }
        firstAttempt.complete(null);
        lettuce.schedule(this::connect, delay);
    }

    /**
     * Closes the connections and shuts Lettuce's threads (and the own executor, if any) down; waits up to a few
     * seconds. Subscribers stop receiving; publishing fails afterwards.
     * <pre>{@code redis.close();}</pre>
     */
    @Override
    public void close() {
        Links l;
        List<CompletableFuture<Void>> waiting;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            l = links;
            links = null;
            waiting = new ArrayList<>(waitingForLinks);
            waitingForLinks.clear();
        }
        waiting.forEach(f -> f.completeExceptionally(new IllegalStateException("Redis connection closed")));
        firstAttempt.complete(null);
        if (l != null) {
            l.pubSub.close();
            l.commandConnection.close();
        }
        lettuce.shutdown();
        ForeignThreads.forget();
        if (ownExecutor != null) {
            ownExecutor.shutdown();
            try {
                if (!ownExecutor.awaitTermination(2, TimeUnit.SECONDS)) {
                    ownExecutor.shutdownNow();
                }
            } catch (InterruptedException e) {
                ownExecutor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** How many "not reachable" warnings were logged (one per outage at start), for the tests. */
    synchronized int unreachableWarnings() {
        return warnings;
    }

    /**
     * A readable form: the seeds, without credentials.
     * <pre>{@code redis.toString() // RedisConnection[redis://127.0.0.1:6379, connected]}</pre>
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "RedisConnection[" + description + (isConnected() ? ", connected]" : ", not connected]");
    }

    private static ExecutorService defaultExecutor() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "sio4ee-redis-" + pool + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor e = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
        e.allowCoreThreadTimeOut(true);
        return e;
    }
}
