package dev.sio4ee.it;

import dev.sio4ee.adapter.redis.RedisConfig;
import dev.sio4ee.adapter.redis.RedisNode;
import dev.sio4ee.engine.EngineOptions;
import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.ExecutorScheduler;
import dev.sio4ee.it.app.ClusterCommands;
import dev.sio4ee.server.SocketIoOptions;
import dev.sio4ee.server.SocketIoServer;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A sio4ee node in the test JVM: the server API with a Redis adapter and the {@link ClusterCommands} test commands,
 * served over long-polling by {@link PollingHost} (Payara Micro's Arquillian container holds one deployment at a time).
 */
final class InJvmNode implements AutoCloseable {
    private final ExecutorScheduler scheduler;
    private final ExecutorService incoming;
    private final RedisNode redisNode;
    private final EngineServer engine;
    private final SocketIoServer io;
    private final PollingHost host;

    /** Starts the node under {@code name} ("B", ...) on the given Redis adapter configuration. */
    InJvmNode(RedisConfig config, String name) throws Exception {
        scheduler = new ExecutorScheduler("node-" + name + "-timer");
        incoming = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "node-" + name + "-redis");
            t.setDaemon(true);
            return t;
        });
        redisNode = RedisNode.open(config, incoming);
        engine = new EngineServer(EngineOptions.defaults(), scheduler);
        io = new SocketIoServer(SocketIoOptions.defaults().withAdapter(redisNode.adapter()), scheduler)
                .attach(engine);
        ClusterCommands.install(io, name);
        host = new PollingHost(engine);
    }

    URI uri() {
        return host.uri();
    }

    @Override
    public void close() {
        host.close();
        io.close();
        engine.close();
        redisNode.close();
        incoming.shutdownNow();
        scheduler.close();
    }
}
