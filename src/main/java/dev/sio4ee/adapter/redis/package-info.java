/**
 * Scale out through Redis, wire-compatible with Node's {@code @socket.io/redis-adapter} 8.3 and
 * {@code @socket.io/redis-emitter} 5.1, so that sio4ee nodes and Node socket.io nodes serve one cluster.
 *
 * <p>The pieces:
 * <ul>
 *   <li>{@link dev.sio4ee.adapter.redis.RedisConnection}: the Lettuce connections of one application (a URI, or
 *       comma-separated seeds for a Redis Cluster), shared by all namespaces and emitters; it starts while Redis is
 *       down (one warning, then it joins when Redis answers), hands incoming messages in order to an executor of
 *       the container's, and leaves no thread behind after {@code close()}. Open one per application and close it
 *       when the application stops.</li>
 *   <li>{@link dev.sio4ee.adapter.redis.RedisAdapter}: Node's classic {@code createAdapter} protocol (PUB/SUB,
 *       msgpack broadcasts, JSON requests, {@code PUBSUB NUMSUB} server counting), options in
 *       {@link dev.sio4ee.adapter.redis.RedisAdapterOptions} ({@code key}, {@code requestsTimeout},
 *       {@code publishOnSpecificResponseChannel}; all nodes must share the {@code key}).</li>
 *   <li>{@link dev.sio4ee.adapter.redis.RedisEmitter}: sends to a cluster's clients from code outside the socket
 *       servers (a batch job, another WAR), no CDI needed.</li>
 *   <li>{@link dev.sio4ee.adapter.redis.MsgPack}: MessagePack with notepack.io's semantics, between msgpack bytes
 *       and a JSON tree with binary placeholders.</li>
 * </ul>
 *
 * <p>The sharded adapter, {@link dev.sio4ee.adapter.redis.ShardedRedisAdapter} (Node's {@code createShardedAdapter},
 * Redis 7 {@code SSUBSCRIBE}/{@code SPUBLISH}, a single Redis or a Redis Cluster), takes {@code channelPrefix} and
 * {@code subscriptionMode} from {@link dev.sio4ee.adapter.redis.RedisAdapterOptions}; use it when the Node nodes of
 * the cluster call {@code createShardedAdapter}:
 * <pre>{@code
 * RedisConnection redis = RedisConnection.open("redis://127.0.0.1:7000,127.0.0.1:7001,127.0.0.1:7002");
 * Adapter.Factory sharded = ShardedRedisAdapter.factory(redis, RedisAdapterOptions.defaults()
 *         .withSubscriptionMode(RedisAdapterOptions.SubscriptionMode.DYNAMIC));
 * }</pre>
 *
 * <p>Lettuce ({@code io.lettuce:lettuce-core}) and {@code org.msgpack:msgpack-core} are packed into the WAR; for
 * users of the {@code classes} jar they are optional dependencies, needed only when a Redis adapter is on.
 *
 * <pre>{@code
 * RedisConnection redis = RedisConnection.open("redis://127.0.0.1:6379", managedExecutor);
 * SocketIoOptions options = SocketIoOptions.defaults()
 *         .withAdapter(RedisAdapter.factory(redis, RedisAdapterOptions.defaults()));
 * // ... when the application stops: io.close(); redis.close();
 *
 * try (RedisEmitter io = RedisEmitter.create("redis://127.0.0.1:6379")) {
 *     io.of("/chat").to("room1").emit("message", "from a batch job");
 * }
 * }</pre>
 *
 * <p>In a mixed cluster with Node nodes, those use {@code createAdapter(pubClient, subClient)} with the same
 * {@code key}; a socket's {@code fetchSockets()} handshake carries Node's field names both ways.
 */
package dev.sio4ee.adapter.redis;
