package dev.sio4ee.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.engine.ExecutorScheduler;
import dev.sio4ee.server.SocketIoOptions;
import dev.sio4ee.server.SocketIoServer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle the container glue drives: {@link RedisNode#open} when the application starts, the namespaces'
 * adapters from {@link RedisNode#adapter()}, {@link RedisNode#close()} when it stops, leaving no thread of the
 * Redis client behind (what an undeploy needs). Against a real redis-server.
 */
class RedisNodeTest {
    private static RedisServerFixture redis;

    @BeforeAll
    static void startRedis() {
        redis = RedisServerFixture.start();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    private static List<String> redisClientThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("lettuce-") || n.startsWith("sio4ee-redis")).sorted().toList();
    }

    private static List<String> redisClientThreadsAfterClose() throws InterruptedException {
        List<String> left = redisClientThreads();
        for (int i = 0; i < 100 && !left.isEmpty(); i++) {
            Thread.sleep(50);
            left = redisClientThreads();
        }
        return left;
    }

    @Test
    void shouldLeaveNoThreadBehindWhenClosed() throws Exception {
        ExecutorService incoming = Executors.newSingleThreadExecutor();
        try (ExecutorScheduler scheduler = new ExecutorScheduler("node-test-timer")) {
            for (RedisConfig config : List.of(RedisConfig.classic(redis.uri()),
                    RedisConfig.of("redis-sharded", redis.uri(), "app", 1000L, "dynamic-private"))) {
                RedisNode node = RedisNode.open(config, incoming);
                SocketIoServer io = new SocketIoServer(SocketIoOptions.defaults().withAdapter(node.adapter()),
                        scheduler);
                io.of("/chat");
                io.of("/chat").adapter().serverCount().toCompletableFuture().join();
                assertThat(redisClientThreads()).as("the Redis client's threads while open (%s)", config)
                        .isNotEmpty();
                io.close();
                node.close();
                assertThat(redisClientThreadsAfterClose()).as("threads left after close (%s)", config).isEmpty();
            }
        } finally {
            incoming.shutdownNow();
        }
    }

    @Test
    void shouldStartWhileRedisIsDown() throws Exception {
        // a port nobody listens on: the node opens anyway (one warning), and closes cleanly
        RedisNode node = RedisNode.open(RedisConfig.classic("redis://127.0.0.1:1"), null);
        assertThat(node.adapter()).isNotNull();
        node.close();
        assertThat(redisClientThreadsAfterClose()).isEmpty();
    }
}
