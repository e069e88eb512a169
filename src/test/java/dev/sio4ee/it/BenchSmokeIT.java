package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.BenchSetup;
import dev.sio4ee.it.app.BenchStats;
import dev.sio4ee.jakarta.BenchFloorPolling;
import dev.sio4ee.jakarta.BenchFloorSocket;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Smoke of the benchmark harness (bench/): the load generator runs every scenario with tiny counts against the
 * bench application, and the floor scenarios against the do-nothing answerer at /floor, and must report sane
 * numbers. No timing is asserted; the benchmark itself is bench/compare.sh.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BenchSmokeIT {

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("bench", new String[0], BenchSetup.class, BenchStats.class, BenchFloorSocket.class,
                BenchFloorPolling.class);
    }

    @Test
    void shouldRunEveryScenarioOfTheLoadGeneratorWithTinyCounts() throws Exception {
        JsonObject summary = loadgen("", "smoke");
        assertThat(summary.getString("server")).isEqualTo("sio4ee");
        Map<String, JsonObject> byScenario = byScenario(summary);
        assertThat(byScenario).containsOnlyKeys("check", "connect", "echo", "fanout", "polling", "binary");
        assertThat(byScenario.get("check").getBoolean("roomOk")).as("join + room reach members only").isTrue();
        assertLoops(byScenario);
        JsonObject fanout = byScenario.get("fanout");
        assertThat(fanout.getInt("deliveries")).as("every receiver got every broadcast").isEqualTo(5 * 4);
        assertThat(fanout.getJsonNumber("deliveriesPerSec").doubleValue()).isPositive();
    }

    @Test
    void shouldRunTheFloorScenariosAgainstTheDoNothingAnswerer() throws Exception {
        JsonObject summary = loadgen("floor", "payara-floor", "--check", "0");
        assertThat(summary.getString("server")).isEqualTo("payara-floor");
        Map<String, JsonObject> byScenario = byScenario(summary);
        assertThat(byScenario).containsOnlyKeys("connect", "echo", "fanout", "polling", "binary");
        assertLoops(byScenario);
        assertThat(byScenario.get("fanout").getInt("deliveries")).isEqualTo(5 * 4);
    }

    /** Runs bench/loadgen.mjs with tiny counts against the deployment (plus a path) and returns its summary. */
    private JsonObject loadgen(String path, String label, String... more) throws Exception {
        File dir = new File(System.getProperty("sio4ee.bench.dir", "bench"));
        assertThat(new File(dir, "node_modules")).as("npm install ran in %s", dir).isDirectory();
        String base = Deployments.loopback(deployed).toString().replaceAll("/$", "");
        String url = path.isEmpty() ? base : base + "/" + path;
        List<String> cmd = new ArrayList<>(List.of("node", "loadgen.mjs", "--url", url, "--label", label,
                "--connections", "20", "--echo-clients", "2", "--duration-ms", "300", "--warmup-ms", "0",
                "--fanout-receivers", "5", "--fanout-messages", "4", "--polling-clients", "2",
                "--binary-clients", "2", "--timeout-ms", "30000"));
        cmd.addAll(List.of(more));
        File stdout = File.createTempFile("loadgen", ".jsonl");
        stdout.deleteOnExit();
        Process p = new ProcessBuilder(cmd).directory(dir).redirectError(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(stdout).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        String out = Files.readString(stdout.toPath(), StandardCharsets.UTF_8).trim();
        assertThat(p.isAlive()).as("loadgen still running after 90 s, stdout: %s", out).isFalse();
        assertThat(p.exitValue()).as("loadgen exit code, stdout: %s", out).isZero();
        JsonObject summary = Json.createReader(new StringReader(out.substring(out.lastIndexOf('\n') + 1)))
                .readObject();
        assertThat(summary.getJsonNumber("pid").longValue()).isPositive();
        return summary;
    }

    private static Map<String, JsonObject> byScenario(JsonObject summary) {
        Map<String, JsonObject> byScenario = new HashMap<>();
        summary.getJsonArray("results").forEach(v -> byScenario.put(v.asJsonObject().getString("scenario"),
                v.asJsonObject()));
        return byScenario;
    }

    /** The connect scenario and the three closed loops report sane numbers. */
    private static void assertLoops(Map<String, JsonObject> byScenario) {
        JsonObject connect = byScenario.get("connect");
        assertThat(connect.getInt("connections")).isEqualTo(20);
        assertThat(connect.getJsonNumber("connectPerSec").doubleValue()).isPositive();
        assertThat(connect.getJsonNumber("serverCpuMsPer1k").doubleValue()).isNotNegative();
        for (String s : List.of("echo", "polling", "binary")) {
            JsonObject r = byScenario.get(s);
            assertThat(r.getInt("messages")).as("%s messages", s).isPositive();
            assertThat(r.getJsonNumber("msgsPerSec").doubleValue()).as("%s rate", s).isPositive();
            assertThat(r.getJsonNumber("p50Ms").doubleValue()).as("%s p50", s)
                    .isPositive().isLessThanOrEqualTo(r.getJsonNumber("p99Ms").doubleValue());
            assertThat(r.getJsonNumber("serverCpuMsPer1k").doubleValue()).as("%s cpu", s).isNotNegative();
        }
    }
}
