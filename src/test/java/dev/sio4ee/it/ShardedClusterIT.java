package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.redis.RedisConfig;
import dev.sio4ee.it.app.ClusterCommands;
import dev.sio4ee.it.app.ClusterSetup;
import dev.sio4ee.jakarta.Settings;
import jakarta.json.JsonObject;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code RedisClusterIT} on the sharded adapter (Redis 7 SSUBSCRIBE/SPUBLISH, Node's {@code createShardedAdapter}):
 * node A is the deployed WAR configured with context-params only ({@code dev.sio4ee.ADAPTER=redis-sharded},
 * subscription mode {@code dynamic}: one channel per room, subscribed while the room has local members), node B a
 * sio4ee node in the test JVM, node N a Node.js socket.io 4.8 server with the official sharded adapter; two
 * official clients on each, every cluster operation from every node checked on every client.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShardedClusterIT {
    private static final ClassRedis REDIS = new ClassRedis();

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("sharded-a", new String[] {Settings.ADAPTER, "redis-sharded",
                Settings.REDIS_URI, REDIS.get().uri(), Settings.REDIS_REQUESTS_TIMEOUT, "3000",
                Settings.REDIS_SUBSCRIPTION_MODE, "dynamic"}, ClusterSetup.class, ClusterCommands.class)
                .addAsResource(new StringAsset("A"), ClusterSetup.NODE)
                .addAsLibraries(Deployments.redisLibraries());
    }


    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    void shouldRunEveryOperationAcrossSio4eeAndNodeNodes() throws Exception {
        RedisConfig sharded = RedisConfig.of("redis-sharded", REDIS.get().uri(), null, 3000L, "dynamic");
        try (InJvmNode b = new InJvmNode(sharded, "B")) {
            JsonObject r = NodeClient.run(160, "redis-cluster.mjs", REDIS.get().uri(), "sharded",
                    Deployments.loopback(deployed).toString(), b.uri() + "?transport=polling");
            assertThat(r.getJsonArray("failures")).as("failed checks of %s", r).isEmpty();
            assertThat(r.getBoolean("ok")).as("result %s", r).isTrue();
            assertThat(r.getInt("checks")).as("checks run").isGreaterThan(200);
        }
    }
}
