package dev.sio4ee.server;

import static dev.sio4ee.server.RedisAdapterTest.eventually;
import static dev.sio4ee.server.RedisAdapterTest.failure;
import static dev.sio4ee.server.RedisAdapterTest.nextText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.redis.RedisAdapter;
import dev.sio4ee.adapter.redis.RedisAdapterOptions;
import dev.sio4ee.adapter.redis.RedisConnection;
import dev.sio4ee.adapter.redis.RedisServerFixture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two sio4ee servers on a real redis-server that is killed and restarted during traffic, and a server that starts
 * while Redis is down: nothing escapes, local delivery goes on, cross-node delivery resumes.
 */
class RedisFaultTest {
    private RedisServerFixture redis;
    private final Harness[] servers = new Harness[2];
    private final RedisConnection[] connections = new RedisConnection[2];
    private final RawClient[] clients = new RawClient[2];

    @BeforeEach
    void start() {
        redis = RedisServerFixture.start();
    }

    @AfterEach
    void stop() {
        for (int i = 0; i < 2; i++) {
            if (servers[i] != null) {
                servers[i].io.close();
                connections[i].close();
            }
        }
        redis.close();
    }

    private void startServer(int i) {
        connections[i] = RedisConnection.open(redis.uri());
        servers[i] = new Harness(SocketIoOptions.defaults().withAdapter(
                RedisAdapter.factory(connections[i], RedisAdapterOptions.defaults())));
        clients[i] = servers[i].client();
        clients[i].connect("/");
    }

    private RedisAdapter adapter(int i) {
        return (RedisAdapter) servers[i].io.sockets().adapter();
    }

    /** Emits numbered events from server 0 until client 1 receives one (bounded); client 0 gets each. */
    private void crossNodeDeliveryWorks(String prefix) {
        int[] n = {0};
        eventually(() -> {
            String event = prefix + n[0]++;
            servers[0].io.emit(event);
            assertThat(nextText(clients[0])).isEqualTo("2[\"" + event + "\"]");
            Object got = clients[1].poll();
            for (int wait = 0; got == null && wait < 20; wait++) {
                sleep(10);
                got = clients[1].poll();
            }
            return got != null && ((String) got).startsWith("2[\"" + prefix);
        }, "cross-node delivery with prefix " + prefix);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void survivesARedisRestartDuringTraffic() throws Exception {
        startServer(0);
        startServer(1);
        adapter(0).ready().toCompletableFuture().get(5, TimeUnit.SECONDS);
        adapter(1).ready().toCompletableFuture().get(5, TimeUnit.SECONDS);
        crossNodeDeliveryWorks("before-");

        redis.stop();
        // no exception escapes, local delivery goes on, cluster requests fail clearly instead of hanging
        for (int i = 0; i < 20; i++) {
            servers[0].io.emit("during", i);
            assertThat(nextText(clients[0])).isEqualTo("2[\"during\"," + i + "]");
        }
        servers[0].io.socketsJoin("local-room");
        servers[0].io.serverSideEmit("nobody-hears");
        Throwable e = failure(servers[0].io.fetchSockets());
        assertThat(e).hasMessageContaining("Redis");

        redis.restart();
        crossNodeDeliveryWorks("after-");
        List<RemoteSocket> all = RedisAdapterTest.await(servers[1].io.fetchSockets());
        assertThat(all).hasSize(2);
    }

    @Test
    void aServerStartedWhileRedisIsDownJoinsLater() throws Exception {
        redis.stop();
        startServer(0);
        startServer(1);
        servers[0].io.emit("alone");
        assertThat(nextText(clients[0])).isEqualTo("2[\"alone\"]");
        assertThat(adapter(0).ready().toCompletableFuture()).isNotDone();
        redis.restart();
        adapter(0).ready().toCompletableFuture().get(15, TimeUnit.SECONDS);
        adapter(1).ready().toCompletableFuture().get(15, TimeUnit.SECONDS);
        crossNodeDeliveryWorks("joined-");
    }
}
