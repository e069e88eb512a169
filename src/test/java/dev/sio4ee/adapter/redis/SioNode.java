package dev.sio4ee.adapter.redis;

import dev.sio4ee.engine.EngineOptions;
import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.ExecutorScheduler;
import dev.sio4ee.server.Namespace;
import dev.sio4ee.server.Socket;
import dev.sio4ee.server.SocketIoOptions;
import dev.sio4ee.server.SocketIoServer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * One sio4ee node in the test JVM: a real engine and Socket.IO server (real clock) whose adapters are
 * {@link ShardedRedisAdapter}s on a connection of its own to the test's redis-server.
 */
final class SioNode implements AutoCloseable {
    final ExecutorScheduler scheduler = new ExecutorScheduler("sio-node", 2);
    final RedisConnection redis;
    final EngineServer engine;
    final SocketIoServer io;

    SioNode(String redisUri, RedisAdapterOptions options) {
        redis = RedisConnection.open(redisUri);
        engine = new EngineServer(EngineOptions.defaults(), scheduler);
        io = new SocketIoServer(SocketIoOptions.defaults().withAdapter(ShardedRedisAdapter.factory(redis, options)),
                scheduler).attach(engine);
    }

    /** The namespace, its adapter subscribed (waits for Redis to confirm). */
    Namespace of(String nsp) {
        Namespace n = io.of(nsp);
        await(adapter(nsp).subscribed());
        return n;
    }

    ShardedRedisAdapter adapter(String nsp) {
        return (ShardedRedisAdapter) io.of(nsp).adapter();
    }

    /** A new client connected to the namespace. */
    WireClient client(String nsp) {
        of(nsp);
        WireClient c = new WireClient(engine);
        c.connect(nsp);
        return c;
    }

    /** The server-side socket of a client id. */
    Socket socket(String nsp, String id) {
        return io.of(nsp).sockets().get(id);
    }

    static <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        io.close();
        engine.close();
        redis.close();
        scheduler.close();
    }
}
