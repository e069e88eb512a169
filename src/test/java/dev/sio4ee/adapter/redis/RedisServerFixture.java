package dev.sio4ee.adapter.redis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real {@code /usr/bin/redis-server} on a free 127.0.0.1 port for the tests: a single server
 * ({@link #start()}) or a Redis Cluster of masters ({@link #cluster(int)}), stopped and restarted on the same
 * port(s) for the fault tests, killed by {@link #close()} and by a shutdown hook.
 *
 * <pre>{@code
 * try (RedisServerFixture redis = RedisServerFixture.start()) {
 *     RedisConnection c = RedisConnection.open(redis.uri());
 *     redis.stop(); redis.restart();
 * }
 * try (RedisServerFixture cluster = RedisServerFixture.cluster(3)) {
 *     String seeds = cluster.uri(); // redis://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3
 * }
 * }</pre>
 */
public final class RedisServerFixture implements AutoCloseable {
    /** The server binary (Debian's redis-server 7; {@code -Dsio4ee.redis.server} to use another). */
    public static final String SERVER = System.getProperty("sio4ee.redis.server", "/usr/bin/redis-server");
    /** The command line client, used to create clusters. */
    public static final String CLI = System.getProperty("sio4ee.redis.cli", "/usr/bin/redis-cli");
    private static final long START_TIMEOUT_MS = 10_000;

    private final List<Integer> ports;
    private final boolean cluster;
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> busPorts = new ArrayList<>();
    private final Thread hook;

    private RedisServerFixture(List<Integer> ports, boolean cluster) throws IOException {
        this.ports = List.copyOf(ports);
        this.cluster = cluster;
        this.dir = Files.createTempDirectory("sio4ee-redis");
        this.hook = new Thread(this::kill, "redis-fixture-kill");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts one redis-server on a free loopback port and waits until it answers PING.
     * <pre>{@code RedisServerFixture redis = RedisServerFixture.start();}</pre>
     *
     * @return the running server
     */
    public static RedisServerFixture start() {
        try {
            RedisServerFixture f = new RedisServerFixture(List.of(freePort()), false);
            f.launch();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts {@code masters} redis-servers with {@code --cluster-enabled yes}, creates the cluster with
     * {@code redis-cli --cluster create ... --cluster-replicas 0 --cluster-yes} and waits for
     * {@code cluster_state:ok} on every node.
     * <pre>{@code RedisServerFixture cluster = RedisServerFixture.cluster(3);}</pre>
     *
     * @param masters the number of masters (at least 3, as redis-cli requires)
     * @return the running cluster
     */
    public static RedisServerFixture cluster(int masters) {
        try {
            List<Integer> ports = new ArrayList<>();
            List<Integer> busPorts = new ArrayList<>();
            for (int i = 0; i < 2 * masters; i++) {
                int p = freePort();
                if (ports.contains(p) || busPorts.contains(p)) {
                    i--;
                    continue;
                }
                (ports.size() < masters ? ports : busPorts).add(p);
            }
            RedisServerFixture f = new RedisServerFixture(ports, true);
            f.busPorts.addAll(busPorts);
            f.launch();
            List<String> create = new ArrayList<>(List.of(CLI, "--cluster", "create"));
            ports.forEach(p -> create.add("127.0.0.1:" + p));
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            String out = run(create);
            if (!out.contains("[OK]")) {
                f.close();
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
            }
            f.awaitClusterOk();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The URI to connect to: {@code redis://127.0.0.1:PORT}, or the comma-separated seeds of a cluster.
     * <pre>{@code RedisConnection.open(redis.uri())}</pre>
     *
     * @return the URI
     */
    public String uri() {
        return "redis://" + ports.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    /**
     * The port of the (first) server.
     * <pre>{@code int port = redis.port();}</pre>
     *
     * @return the port
     */
    public int port() {
        return ports.get(0);
    }

    /**
     * The ports of all servers.
     * <pre>{@code redis.ports().size() // 3 for cluster(3)}</pre>
     *
     * @return the ports
     */
    public List<Integer> ports() {
        return ports;
    }

    /**
     * Kills the server(s) (SIGKILL, as a crash) and waits until they are gone.
     * <pre>{@code redis.stop();}</pre>
     */
    public synchronized void stop() {
        kill();
        processes.clear();
    }

    /**
     * Starts the server(s) again on the same port(s) (a cluster keeps its nodes.conf, so it comes back as the
     * same cluster) and waits until they answer.
     * <pre>{@code redis.stop(); ...; redis.restart();}</pre>
     */
    public synchronized void restart() {
        stop();
        try {
            launch();
            if (cluster) {
                awaitClusterOk();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends one command with redis-cli to the (first) server and returns its output.
     * <pre>{@code redis.cli("PUBSUB", "NUMSUB", "socket.io-request#/#")}</pre>
     *
     * @param args the command and its arguments
     * @return what redis-cli printed
     */
    public String cli(String... args) {
        List<String> cmd = new ArrayList<>(List.of(CLI, "-h", "127.0.0.1", "-p", String.valueOf(port())));
        cmd.addAll(List.of(args));
        try {
            return run(cmd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Kills the server(s) and deletes their files.
     * <pre>{@code try (RedisServerFixture redis = RedisServerFixture.start()) { ... }}</pre>
     */
    @Override
    public synchronized void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down: the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort
        }
    }

    private synchronized void launch() throws IOException {
        for (int i = 0; i < ports.size(); i++) {
            int port = ports.get(i);
            Path nodeDir = Files.createDirectories(dir.resolve(String.valueOf(port)));
            List<String> cmd = new ArrayList<>(List.of(SERVER, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", nodeDir.toString(), "--protected-mode", "no"));
            if (cluster) {
                cmd.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "2000", "--cluster-port", String.valueOf(busPorts.get(i))));
            }
            processes.add(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(nodeDir.resolve("redis.log").toFile()).start());
        }
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        for (int port : ports) {
            while (!answersPing(port)) {
                if (System.currentTimeMillis() > deadline) {
                    String log = Files.readString(dir.resolve(port + "/redis.log"));
                    throw new IllegalStateException("redis-server on port " + port + " did not start:\n" + log);
                }
                sleep(20);
            }
        }
    }

    private void awaitClusterOk() throws IOException {
        long deadline = System.currentTimeMillis() + 20_000;
        for (int port : ports) {
            while (true) {
                String info = run(List.of(CLI, "-h", "127.0.0.1", "-p", String.valueOf(port), "CLUSTER", "INFO"));
                if (info.contains("cluster_state:ok")) {
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("cluster not ok on port " + port + ":\n" + info);
                }
                sleep(50);
            }
        }
    }

    private synchronized void kill() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean answersPing(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            return "+PONG".equals(line);
        } catch (IOException e) {
            return false;
        }
    }

    private static String run(List<String> cmd) throws IOException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
