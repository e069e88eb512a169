package dev.sio4ee.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One more server of a cluster in a process of its own: Payara Micro (target/payara-micro.jar, copied by the build)
 * running a WAR on a free loopback port, configured by environment variables as a user would
 * ({@code SIO4EE_ADAPTER}, {@code SIO4EE_REDIS_URI}, ...). Its output goes to target/{name}.log.
 */
final class PayaraMicroNode implements AutoCloseable {
    private static final long BOOT_TIMEOUT_MS = 300_000;
    private final Process process;
    private final int port;
    private final String contextRoot;
    private final File log;

    private PayaraMicroNode(Process process, int port, String contextRoot, File log) {
        this.process = process;
        this.port = port;
        this.contextRoot = contextRoot;
        this.log = log;
    }

    /** Starts booting and returns at once; {@link #awaitReady()} waits for the WAR to answer. */
    static PayaraMicroNode start(String name, File war, String contextRoot, Map<String, String> env) {
        File jar = new File("target/payara-micro.jar");
        if (!jar.isFile() || !war.isFile()) {
            throw new IllegalStateException("need " + jar + " and " + war + " (mvn verify copies and builds them)");
        }
        try {
            int port = freePort();
            File log = new File("target/" + name + ".log");
            String config = System.getProperty("sio4ee.server.config", "server-config") + "/payara/";
            ProcessBuilder pb = new ProcessBuilder(List.of(javaBinary(), "-Xmx512m", "-jar", jar.getPath(),
                    "--nocluster", "--port", String.valueOf(port),
                    "--prebootcommandfile", config + "pre-boot-commands.asadmin",
                    "--postbootcommandfile", config + "post-boot-commands.asadmin",
                    "--deploy", war.getPath(), "--contextroot", contextRoot))
                    .redirectErrorStream(true).redirectOutput(log);
            pb.environment().putAll(env);
            return new PayaraMicroNode(pb.start(), port, contextRoot, log);
        } catch (IOException e) {
            throw new IllegalStateException("could not start Payara Micro", e);
        }
    }

    /** The WAR's root URL, e.g. {@code http://127.0.0.1:41234/demo2/}, once it answers. */
    URI awaitReady() throws InterruptedException {
        URI uri = uri();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.currentTimeMillis() + BOOT_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + process.exitValue() + ", see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return uri;
                }
            } catch (IOException notYet) {
                // still booting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Payara Micro did not serve " + uri + " within " + BOOT_TIMEOUT_MS
                + " ms, see " + log);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port + "/" + contextRoot + "/");
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
