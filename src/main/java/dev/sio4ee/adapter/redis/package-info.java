/**
 * Scale out through Redis, wire-compatible with Node's {@code @socket.io/redis-adapter} 8.3 and
 * {@code @socket.io/redis-emitter} 5.1, so that sio4ee nodes and Node socket.io nodes serve one cluster.
 *
 * <p>The pieces:
 * <ul>
 *   <li>{@link dev.sio4ee.adapter.redis.RedisConnection}: the Lettuce connections of one application (a URI, or
 *       comma-separated seeds for a Redis Cluster), shared by all namespaces; it starts while Redis is down and
 *       joins later, hands incoming messages to an executor of the container's, and leaves no thread behind after
 *       {@code close()}.</li>
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
 * RedisConnection.Subscriber sub = redis.subscriber((channel, message) -> handle(channel, MsgPack.decode(message)));
 * sub.psubscribe("socket.io#/#*");
 * redis.publish("socket.io#/#", MsgPack.encode(value, attachments));
 * redis.close(); // when the application stops
 * }</pre>
 */
package dev.sio4ee.adapter.redis;
