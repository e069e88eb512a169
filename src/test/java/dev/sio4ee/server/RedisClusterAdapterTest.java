package dev.sio4ee.server;

import static dev.sio4ee.server.RedisAdapterTest.await;
import static dev.sio4ee.server.RedisAdapterTest.nextText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.redis.RedisAdapter;
import dev.sio4ee.adapter.redis.RedisAdapterOptions;
import dev.sio4ee.adapter.redis.RedisConnection;
import dev.sio4ee.adapter.redis.RedisServerFixture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two sio4ee servers with the classic adapter on a real three-master Redis Cluster (seeds in the URI). */
class RedisClusterAdapterTest {

    @Test
    void countsServersOverAllMastersAndBroadcastsAcrossTheCluster() throws Exception {
        try (RedisServerFixture cluster = RedisServerFixture.cluster(3);
             RedisConnection c0 = RedisConnection.open(cluster.uri());
             RedisConnection c1 = RedisConnection.open(cluster.uri())) {
            Harness s0 = new Harness(SocketIoOptions.defaults().withAdapter(
                    RedisAdapter.factory(c0, RedisAdapterOptions.defaults())));
            Harness s1 = new Harness(SocketIoOptions.defaults().withAdapter(
                    RedisAdapter.factory(c1, RedisAdapterOptions.defaults())));
            try {
                RawClient a = s0.client();
                RawClient b = s1.client();
                String idA = a.connect("/");
                String idB = b.connect("/");
                for (Harness h : List.of(s0, s1)) {
                    ((RedisAdapter) h.io.sockets().adapter()).ready().toCompletableFuture().get(10, TimeUnit.SECONDS);
                }
                // the two pub/sub connections may sit on different masters: NUMSUB is summed over all of them
                assertThat(await(s0.io.sockets().adapter().serverCount())).isEqualTo(2);
                s1.socket("/", idB).join("room1");
                s0.io.to("room1").emit("hello", "cluster");
                assertThat(nextText(b)).isEqualTo("2[\"hello\",\"cluster\"]");
                assertThat(await(s1.io.fetchSockets())).extracting(RemoteSocket::id)
                        .containsExactlyInAnyOrder(idA, idB);
            } finally {
                s0.io.close();
                s1.io.close();
            }
        }
    }
}
