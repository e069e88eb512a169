package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.redis.RedisServerFixture;
import dev.sio4ee.jakarta.MonitoringBinding;
import dev.sio4ee.jakarta.Settings;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Metrics and health read over HTTP from the running server, the way monitoring scrapes them: on Payara Micro its
 * MicroProfile Metrics endpoint ({@code /metrics} on the HTTP port) and MicroProfile Health ({@code /health/ready},
 * {@code /health/live}); on WildFly the Micrometer subsystem's Prometheus registry ({@code /prometheus}) and
 * MicroProfile Health on the management port (server-config/wildfly/sio4ee.cli adds both). On both, the WAR's JSON
 * view of the same meters ({@code dev.sio4ee.METRICS_PATH}). The deployment uses the Redis adapter on a real
 * redis-server the test starts: readiness goes DOWN when it stops and UP when it is back.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {
    private static final Duration WAIT = Duration.ofSeconds(45);
    private static RedisServerFixture redis;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("monitoring", new String[] {Settings.ADAPTER, "redis", Settings.REDIS_URI,
                        redis().uri(), MonitoringBinding.METRICS_PATH, "/sio4ee-metrics"})
                .addAsLibraries(Deployments.redisLibraries());
    }

    private static synchronized RedisServerFixture redis() {
        if (redis == null) {
            redis = RedisServerFixture.start();
        }
        return redis;
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.close();
        }
    }

    private static boolean wildfly() {
        return "wildfly".equals(System.getProperty("arquillian.launch"));
    }

    /** Where the server serves its monitoring endpoints: Payara's HTTP port, WildFly's management port. */
    private String monitoring() {
        return "http://127.0.0.1:" + (wildfly() ? System.getProperty("it.wildfly.management") : deployed.getPort());
    }

    @Test
    @Order(1)
    void shouldExposeMetricsThatChangeAsClientsConnectAndDisconnect() throws Exception {
        Map<String, String> ws = Map.of("namespace", "/", "transport", "websocket");
        Map<String, String> polling = Map.of("namespace", "/", "transport", "polling");
        Map<String, String> root = Map.of("namespace", "/");
        Map<String, String> closed = Map.of("namespace", "/", "reason", "transport close");
        String before = scrape();
        double wsBefore = value(before, "sio4ee_clients_connected", ws);
        double pollingBefore = value(before, "sio4ee_clients_connected", polling);
        double connectionsBefore = value(before, "sio4ee_connections", root);
        double closedBefore = value(before, "sio4ee_disconnections", closed);
        double bytesInBefore = value(before, "sio4ee_bytes_in", Map.of());

        RawEngine engine = new RawEngine(deployed);
        RawEngine.Ws socket = engine.ws("EIO=4&transport=websocket");
        assertThat((String) socket.next()).startsWith("0{");
        socket.send("40");
        assertThat((String) socket.next()).startsWith("40{\"sid\"");
        String sid = engine.handshake();
        assertThat(engine.post("EIO=4&transport=polling&sid=" + sid, "40").statusCode()).isEqualTo(200);
        assertThat(engine.get("EIO=4&transport=polling&sid=" + sid).body()).startsWith("40{\"sid\"");

        String connected = scrape();
        assertThat(value(connected, "sio4ee_clients_connected", ws)).isEqualTo(wsBefore + 1);
        assertThat(value(connected, "sio4ee_clients_connected", polling)).isEqualTo(pollingBefore + 1);
        assertThat(value(connected, "sio4ee_connections", root)).isEqualTo(connectionsBefore + 2);
        assertThat(value(connected, "sio4ee_bytes_in", Map.of())).isGreaterThan(bytesInBefore);
        assertThat(json("sio4ee.clients.connected", ws)).isEqualTo((long) wsBefore + 1);

        socket.close();
        String after = awaitScrape(text -> value(text, "sio4ee_clients_connected", ws) == wsBefore);
        assertThat(value(after, "sio4ee_disconnections", closed)).isEqualTo(closedBefore + 1);
        assertThat(value(after, "sio4ee_clients_connected", polling)).isEqualTo(pollingBefore + 1);
        assertThat(json("sio4ee.disconnections", closed)).isEqualTo((long) closedBefore + 1);
        assertThat(value(after, "sio4ee_adapter_publish_failures", Map.of())).isGreaterThanOrEqualTo(0);
    }

    @Test
    @Order(2)
    void shouldBeReadyOnlyWhileRedisIsReachableAndAliveThroughout() throws Exception {
        assertThat(awaitReadiness(200)).contains("\"sio4ee\"");
        assertThat(get(monitoring() + "/health/live").statusCode()).isEqualTo(200);

        redis().stop();
        String down = awaitReadiness(503);
        assertThat(down).contains("\"sio4ee\"").contains("DOWN");
        HttpResponse<String> live = get(monitoring() + "/health/live");
        assertThat(live.statusCode()).as("liveness while Redis is down: %s", live.body()).isEqualTo(200);
        assertThat(live.body()).contains("sio4ee-live");

        redis().restart();
        assertThat(awaitReadiness(200)).contains("\"sio4ee\"").doesNotContain("DOWN");
    }

    // ---- reading the endpoints ----

    private String scrape() throws Exception {
        String url = monitoring() + (wildfly() ? "/prometheus" : "/metrics");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/plain")
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET %s: %s", url, r.body()).isEqualTo(200);
        return r.body();
    }

    private String awaitScrape(java.util.function.Predicate<String> done) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        String text = scrape();
        while (!done.test(text) && System.nanoTime() < end) {
            Thread.sleep(200);
            text = scrape();
        }
        return text;
    }

    /**
     * The value of a sample in Prometheus text: the name as MicroProfile Metrics writes it, or with the
     * {@code _total} Micrometer gives counters; the line must carry every given tag (the server may add its own).
     */
    static double value(String text, String name, Map<String, String> tags) {
        // WildFly's Micrometer registry is the server's: it holds the meters of every deployment, tagged with it
        String own = wildfly() ? "WF_DEPLOYMENT=\"monitoring.war\"" : "";
        Pattern line = Pattern.compile("^" + name + "(?:_total)?\\{([^}]*)}\\s+(\\S+)", Pattern.MULTILINE);
        Matcher m = line.matcher(text);
        while (m.find()) {
            String labels = m.group(1);
            if (labels.contains(own)
                    && tags.entrySet().stream().allMatch(e -> labels.contains(e.getKey() + "=\"" + e.getValue() + "\""))
                    && (!tags.isEmpty() || !labels.contains("namespace="))) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no " + name + tags + " in the scrape:\n" + text.lines()
                .filter(l -> l.contains("sio4ee")).reduce("", (a, b) -> a + b + "\n"));
    }

    private long json(String name, Map<String, String> tags) throws Exception {
        String base = Deployments.loopback(deployed).toString();
        HttpResponse<String> r = get(base + (base.endsWith("/") ? "" : "/") + "sio4ee-metrics");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonObject body = Json.createReader(new StringReader(r.body())).readObject();
        for (JsonValue v : body.getJsonArray("meters")) {
            JsonObject meter = v.asJsonObject();
            JsonObject t = meter.getJsonObject("tags");
            if (meter.getString("name").equals(name) && t.size() == tags.size()
                    && tags.entrySet().stream().allMatch(e -> e.getValue().equals(t.getString(e.getKey(), null)))) {
                return meter.getJsonNumber("value").longValue();
            }
        }
        throw new AssertionError("no " + name + tags + " in " + body);
    }

    /** Polls the readiness endpoint until it answers with the status; returns its body. */
    private String awaitReadiness(int status) throws Exception {
        long end = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> r = get(monitoring() + "/health/ready");
        while (r.statusCode() != status && System.nanoTime() < end) {
            Thread.sleep(250);
            r = get(monitoring() + "/health/ready");
        }
        assertThat(r.statusCode()).as("readiness: %s", r.body()).isEqualTo(status);
        return r.body();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
