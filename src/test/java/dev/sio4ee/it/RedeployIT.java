package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.JvmThreadsServlet;
import dev.sio4ee.jakarta.Settings;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real undeploy and redeploy, three times, of an application clustered through Redis (on WildFly only: Payara
 * Micro's Arquillian container runs each deployment in a JVM of its own, which ends with it, so there an undeploy
 * cannot leave a thread behind; {@code RedisClusterIT} stops the registry as an undeploy does on both servers). A
 * probe WAR, deployed beside it, lists the JVM's Lettuce, Netty, Reactor and sio4ee threads: present while the
 * application runs, none once it is undeployed; and redis-server sees the application's connections go.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployIT {
    private static final String APP = "redeployed";
    private static final ClassRedis REDIS = new ClassRedis();

    @ArquillianResource
    Deployer deployer;

    @ArquillianResource
    @OperateOnDeployment("probe")
    URL probe;

    @Deployment(name = "probe", testable = false, order = 1)
    static WebArchive probe() {
        // a plain WAR, without sio4ee: none of the threads it lists are its own
        return ShrinkWrap.create(WebArchive.class, "probe.war").addClass(JvmThreadsServlet.class);
    }

    @Deployment(name = APP, managed = false, testable = false, order = 2)
    static WebArchive application() {
        return Deployments.war(APP, new String[] {Settings.ADAPTER, "redis", Settings.REDIS_URI, REDIS.get().uri()})
                .addAsLibraries(Deployments.redisLibraries());
    }


    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    @Test
    @OperateOnDeployment("probe")
    void shouldLeaveNoThreadNorConnectionBehindAfterEachUndeploy() throws Exception {
        // an earlier test class's application may have left Netty's GlobalEventExecutor thread, which ends after
        // a second of quiet: the same wait as after each undeploy
        assertThat(settled()).as("before the first deployment").isEmpty();
        String base = Deployments.loopback(probe).toString().replace("/probe/", "/" + APP + "/");
        for (int round = 1; round <= 3; round++) {
            deployer.deploy(APP);
            HttpResponse<String> handshake = get(base + "socket.io/?EIO=4&transport=polling");
            assertThat(handshake.statusCode()).as("round %d: the application answers", round).isEqualTo(200);
            assertThat(handshake.body()).contains("\"sid\"");
            assertThat(threads().toString()).as("round %d: the Redis client's threads while deployed", round)
                    .contains("lettuce-");
            assertThat(redisClients()).as("round %d: connections to redis-server while deployed", round)
                    .isGreaterThan(0);

            deployer.undeploy(APP);
            assertThat(settled()).as("round %d: threads left after the undeploy", round).isEmpty();
            assertThat(redisClients()).as("round %d: connections left to redis-server", round).isZero();
        }
    }

    /** The threads left once they stopped ending (at most 20 s), and the Redis connections gone. */
    private JsonArray settled() throws Exception {
        JsonArray left = threads();
        for (int i = 0; i < 100 && (!left.isEmpty() || redisClients() > 0); i++) {
            Thread.sleep(200);
            left = threads();
        }
        return left;
    }

    private JsonArray threads() throws Exception {
        HttpResponse<String> r = get(Deployments.loopback(probe) + "jvm-threads");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.createReader(new StringReader(r.body())).readObject().getJsonArray("threads");
    }

    /** Clients connected to redis-server, not counting the redis-cli that asks. */
    private static long redisClients() {
        return REDIS.get().cli("CLIENT", "LIST").lines().filter(l -> !l.isBlank()).count() - 1;
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
