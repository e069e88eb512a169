package dev.sio4ee.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A RedisConnection to a real three-master Redis Cluster: seeds, pattern pub/sub, NUMSUB summed over masters. */
class RedisClusterConnectionTest {

    @Test
    void shouldPublishSubscribeAndCountOnACluster() throws Exception {
        try (RedisServerFixture cluster = RedisServerFixture.cluster(3);
             RedisConnection a = RedisConnection.open(cluster.uri());
             RedisConnection b = RedisConnection.open(cluster.uri())) {
            assertThat(a.isCluster()).isTrue();
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            a.subscriber((ch, m) -> got.add(ch + "=" + new String(m, StandardCharsets.UTF_8)))
                    .psubscribe("c#/#*").toCompletableFuture().get(10, TimeUnit.SECONDS);
            a.subscriber((ch, m) -> { }).subscribe("req#").toCompletableFuture().get(10, TimeUnit.SECONDS);
            b.subscriber((ch, m) -> { }).subscribe("req#").toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(b.numsub("req#").toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(2L);
            b.publish("c#/#room#", "hi".getBytes(StandardCharsets.UTF_8)).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("c#/#room#=hi");
        }
    }
}
