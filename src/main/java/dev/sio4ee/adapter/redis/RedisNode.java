package dev.sio4ee.adapter.redis;

import dev.sio4ee.adapter.Adapter;
import java.util.concurrent.Executor;

/**
 * A server's place in a Redis cluster, opened from a {@link RedisConfig}: one Redis connection and the factory of
 * the adapters of its namespaces. What the container glue opens when the application starts (setting
 * {@code dev.sio4ee.ADAPTER}) and closes when it stops; the only entry through which the rest of sio4ee reaches the
 * Redis client library, so that library is loaded only when a Redis adapter is chosen.
 *
 * <pre>{@code
 * try (RedisNode node = RedisNode.open(RedisConfig.classic("redis://127.0.0.1:6379"), executor)) {
 *     SocketIoServer io = new SocketIoServer(SocketIoOptions.defaults().withAdapter(node.adapter()), scheduler);
 *     ...
 * }
 * }</pre>
 */
public final class RedisNode implements AutoCloseable {
    private final RedisConfig config;
    private final RedisConnection connection;

    private RedisNode(RedisConfig config, RedisConnection connection) {
        this.config = config;
        this.connection = connection;
    }

    /**
     * Connects to Redis (or keeps trying in the background when it is down: the node starts anyway).
     * <pre>{@code RedisNode node = RedisNode.open(config, managedExecutor);}</pre>
     *
     * @param config   which adapter, which Redis
     * @param incoming runs the handling of incoming Redis messages (a container's managed executor), or null for
     *                 threads of the connection's own
     * @return the open node
     */
    public static RedisNode open(RedisConfig config, Executor incoming) {
        return new RedisNode(config, RedisConnection.open(config.uri(), incoming));
    }

    /**
     * The factory of the namespaces' adapters, for {@code SocketIoOptions.withAdapter}.
     * <pre>{@code options.withAdapter(node.adapter())}</pre>
     *
     * @return the factory
     */
    public Adapter.Factory adapter() {
        RedisAdapterOptions options = RedisAdapterOptions.defaults().withKey(config.key())
                .withRequestsTimeout(config.requestsTimeout()).withChannelPrefix(config.key())
                .withSubscriptionMode(RedisAdapterOptions.SubscriptionMode.parse(config.subscriptionMode()));
        return config.sharded() ? ShardedRedisAdapter.factory(connection, options)
                : RedisAdapter.factory(connection, options);
    }

    /**
     * Closes the Redis connection and its threads; the adapters stop reaching the other servers.
     * <pre>{@code node.close();}</pre>
     */
    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return config + " " + connection;
    }
}
