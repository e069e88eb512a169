package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.redis.RedisConfig;
import dev.sio4ee.it.app.ClusterCommands;
import dev.sio4ee.it.app.ClusterSetup;
import dev.sio4ee.it.app.ThreadsServlet;
import dev.sio4ee.jakarta.Settings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A mixed cluster on a real redis-server (started by the test on a free loopback port): node A is the deployed WAR
 * (configured with context-params only: {@code dev.sio4ee.ADAPTER=redis} and the server's URI), node B a second
 * sio4ee node in the test JVM (the same server API and Redis adapter behind a JDK HTTP server, clients on
 * long-polling: Payara Micro's Arquillian container runs one deployment per JVM), node N a Node.js socket.io 4.8
 * server with the official {@code @socket.io/redis-adapter} 8.3, and {@code @socket.io/redis-emitter}.
 * {@code redis-cluster.mjs} connects two official clients to each node and checks every operation from every node
 * on every client. Then Redis stops: node A still serves its own clients; Redis restarts: the whole cluster works
 * again ({@code ShardedClusterIT} does the same on the sharded adapter). Last, stopping the deployed server as an undeploy does leaves none of the
 * application's threads behind.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIT {
    private static final ClassRedis REDIS = new ClassRedis();
    private static InJvmNode nodeB;

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("redis-a", new String[] {Settings.ADAPTER, "redis", Settings.REDIS_URI, REDIS.get().uri(),
                Settings.REDIS_REQUESTS_TIMEOUT, "3000"}, ClusterSetup.class, ClusterCommands.class, ThreadsServlet.class)
                .addAsResource(new StringAsset("A"), ClusterSetup.NODE)
                .addAsLibraries(Deployments.redisLibraries());
    }


    private static synchronized InJvmNode nodeB() throws Exception {
        if (nodeB == null) {
            nodeB = new InJvmNode(RedisConfig.of("redis", REDIS.get().uri(), null, 3000L, null), "B");
        }
        return nodeB;
    }

    @AfterAll
    static void stopAll() {
        if (nodeB != null) {
            nodeB.close();
        }
        REDIS.close();
    }

    @Test
    @Order(1)
    void shouldRunEveryOperationAcrossSio4eeAndNodeNodes() throws Exception {
        JsonObject r = NodeClient.run(160, "redis-cluster.mjs", REDIS.get().uri(), "classic",
                Deployments.loopback(deployed).toString(), nodeB().uri() + "?transport=polling");
        assertThat(r.getJsonArray("failures")).as("failed checks of %s", r).isEmpty();
        assertThat(r.getBoolean("ok")).as("result %s", r).isTrue();
        assertThat(r.getInt("checks")).as("checks run").isGreaterThan(200);
    }

    @Test
    @Order(2)
    void shouldServeItsOwnClientsWhileRedisIsDownAndRejoinWhenItIsBack() throws Exception {
        nodeB();
        REDIS.get().stop();
        JsonObject alone = NodeClient.run(60, "redis-cluster.mjs", REDIS.get().uri(), "without-redis",
                Deployments.loopback(deployed).toString());
        assertThat(alone.getJsonArray("failures")).as("failed checks of %s", alone).isEmpty();
        assertThat(alone.getBoolean("ok")).as("result %s", alone).isTrue();

        REDIS.get().restart();
        JsonObject again = NodeClient.run(160, "redis-cluster.mjs", REDIS.get().uri(), "resume",
                Deployments.loopback(deployed).toString(), nodeB().uri() + "?transport=polling");
        assertThat(again.getJsonArray("failures")).as("failed checks after the restart of %s", again).isEmpty();
        assertThat(again.getBoolean("ok")).as("result %s", again).isTrue();
    }

    @Test
    @Order(3)
    void shouldLeaveNoThreadBehindWhenTheServerStops() throws Exception {
        JsonObject running = get("threads");
        assertThat(running.getJsonArray("threads").toString()).as("the Redis client's threads, while running")
                .contains("lettuce-");
        JsonObject stopped = get("threads?action=stop");
        assertThat(stopped.getJsonArray("threads")).as("threads left after stop()").isEmpty();
    }

    private JsonObject get(String path) throws Exception {
        String base = Deployments.loopback(deployed).toString();
        URI uri = URI.create(base + (base.endsWith("/") ? "" : "/") + path);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
