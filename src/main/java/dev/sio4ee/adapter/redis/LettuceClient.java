package dev.sio4ee.adapter.redis;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The Lettuce side of a {@link RedisConnection}: the client (standalone or cluster) with the options the adapters
 * need (auto-reconnect within a few seconds, commands rejected at once while disconnected, bounded queues and
 * timeouts), its own small thread pools, and a shutdown that waits until those threads are gone.
 */
final class LettuceClient {
    private static final System.Logger LOG = System.getLogger(LettuceClient.class.getName());

    private final List<RedisURI> uris;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

    LettuceClient(List<RedisURI> uris, long retryMinMs, long retryMaxMs) {
        this.uris = uris;
        // reconnect within a few seconds of Redis coming back (Lettuce's default backs off up to 30 s)
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(retryMinMs), Duration.ofMillis(retryMaxMs),
                        2, TimeUnit.MILLISECONDS))
                .threadFactoryProvider(pool -> {
                    ThreadFactory netty = new DefaultThreadFactory(pool, true);
                    return r -> {
                        Thread t = netty.newThread(r);
                        threads.add(t);
                        return t;
                    };
                }).build();
        SocketOptions socket = SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).keepAlive(true).build();
        TimeoutOptions timeouts = TimeoutOptions.enabled(Duration.ofSeconds(10));
        if (uris.size() > 1) {
            RedisClusterClient c = RedisClusterClient.create(resources, uris);
            // a cluster opens the connection to each node lazily, on its first command: rejecting commands while
            // disconnected would reject that first SSUBSCRIBE/SPUBLISH to every node; they wait for the connection
            // instead, bounded by the command timeout
            c.setOptions(ClusterClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.DEFAULT)
                    .requestQueueSize(10_000).socketOptions(socket).timeoutOptions(timeouts)
                    .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                            .enablePeriodicRefresh(Duration.ofSeconds(30))
                            .enableAdaptiveRefreshTrigger(ClusterTopologyRefreshOptions.RefreshTrigger.values())
                            .build())
                    .build());
            this.client = c;
        } else {
            RedisClient c = RedisClient.create(resources);
            c.setOptions(ClientOptions.builder().autoReconnect(true)
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .requestQueueSize(10_000).socketOptions(socket).timeoutOptions(timeouts).build());
            this.client = c;
        }
    }

    /**
     * The seeds as given, each a {@link RedisURI}: the scheme and credentials of the first apply to seeds written
     * as {@code host:port} only.
     */
    static List<RedisURI> parse(String uri) {
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("no Redis URI");
        }
        String[] parts = uri.trim().split(",");
        int scheme = parts[0].indexOf("://");
        if (scheme < 0) {
            throw new IllegalArgumentException("Redis URI without redis:// or rediss:// scheme: " + uri);
        }
        int at = parts[0].lastIndexOf('@');
        String prefix = parts[0].substring(0, at > scheme ? at + 1 : scheme + 3);
        List<RedisURI> out = new ArrayList<>();
        for (String part : parts) {
            String p = part.trim();
            try {
                out.add(RedisURI.create(p.contains("://") ? p : prefix + p));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid Redis URI " + p + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    /** Opens the command connection (on a cluster, after loading its topology). */
    CompletableFuture<StatefulConnection<String, byte[]>> connectCommands(RedisCodec<String, byte[]> codec) {
        if (client instanceof RedisClusterClient c) {
            return c.refreshPartitionsAsync().toCompletableFuture().thenCompose(v -> c.connectAsync(codec))
                    .thenApply(x -> x);
        }
        return ((RedisClient) client).connectAsync(codec, uris.get(0)).toCompletableFuture().thenApply(x -> x);
    }

    /** Opens the pub/sub connection (on a cluster, once the command connection loaded the topology). */
    CompletableFuture<StatefulRedisPubSubConnection<String, byte[]>> connectPubSub(
            RedisCodec<String, byte[]> codec, CompletableFuture<?> afterCommands) {
        if (client instanceof RedisClusterClient c) {
            return afterCommands.thenCompose(x -> c.<String, byte[]>connectPubSubAsync(codec)).thenApply(x -> x);
        }
        return ((RedisClient) client).connectPubSubAsync(codec, uris.get(0)).toCompletableFuture().thenApply(x -> x);
    }

    /** Runs a task later on Lettuce's event executor (nothing of the application's). */
    void schedule(Runnable task, long delayMillis) {
        try {
            resources.eventExecutorGroup().schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            LOG.log(System.Logger.Level.DEBUG, "Redis reconnection not scheduled (closing)", rejected);
        }
    }

    /** Shuts the client and its threads down, waiting up to a few seconds until the threads are gone. */
    void shutdown() {
        try {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Redis client shutdown", e);
        }
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "Redis client resources shutdown", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
