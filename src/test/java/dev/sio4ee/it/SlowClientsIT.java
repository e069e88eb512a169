package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.SlowClientsServlet;
import dev.sio4ee.it.app.SlowClientsSetup;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that stop reading never hurt the others (on Payara Micro, then WildFly): while many WebSocket clients
 * receive numbered broadcasts, a long-polling client that stops polling and a WebSocket client that completed its
 * handshake on a raw TCP socket and never reads again are flooded; both are closed with "transport error" once
 * MAX_BUFFERED_BYTES wait for them, the others receive every non-volatile broadcast in order, and the server's
 * heap after GC comes back near its level before (measured in the server, the slow TCP socket still open).
 *
 * <p>{@code it.slow.clients} normal clients (default 1,000). The others' delivery rate and p99 latency with the slow
 * clients must stay within a stated, generous bound of the same run's round without them ({@link #SLOWER_AT_MOST}
 * times, plus {@link #SLACK_MS} for a 2-core machine shared with the server): a broadcaster stalled by a client that
 * does not read would miss it by minutes. Finer timing comparisons live in {@code bench/}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SlowClientsIT {
    static final int CLIENTS = Integer.getInteger("it.slow.clients", 1_000);
    static final long LIMIT = 16L << 20;
    static final int BROADCASTS = 300;
    static final int SLOWER_AT_MOST = 3;
    static final long SLACK_MS = 5_000;
    static final int VOLATILE_EVERY = 10;
    static final int FLOOD_COUNT = 640;
    static final int FLOOD_SIZE = 64 * 1024; // 40 MiB per slow client: past the limit plus any socket buffers
    private static final Pattern SOCKET_ID = Pattern.compile("40\\{\"sid\":\"([^\"]+)\"");

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("slow", new String[] {
            "dev.sio4ee.PING_INTERVAL", "120000", // no heartbeat ends anyone during the test: only the limit does
            "dev.sio4ee.PING_TIMEOUT", "60000",
            "dev.sio4ee.MAX_BUFFERED_BYTES", String.valueOf(LIMIT)
        }, SlowClientsSetup.class, SlowClientsServlet.class);
    }

    @Test
    void shouldCloseClientsThatStopReadingAtTheLimitWhileTheOthersGetEveryBroadcast() throws Exception {
        RawEngine engine = new RawEngine(deployed);
        List<Counting> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(Counting.connect(engine));
        }
        // round 1, no slow client: also the warm-up before the heap is measured
        long quiet = broadcastAndWait(engine, clients, 1);
        long heapBefore = Long.parseLong(action(engine, "heap"));

        SlowWebSocket slowWs = SlowWebSocket.connect(engine);
        String slowPollingId = slowPolling(engine);
        CompletableFuture<String> floodWs = CompletableFuture.supplyAsync(() -> flood(engine, slowWs.socketId));
        CompletableFuture<String> floodPolling = CompletableFuture.supplyAsync(() -> flood(engine, slowPollingId));
        long busy = broadcastAndWait(engine, clients, 2);
        assertThat(floodWs.get(120, TimeUnit.SECONDS)).isEqualTo("flooded");
        assertThat(floodPolling.get(120, TimeUnit.SECONDS)).isEqualTo("flooded");

        String reasons = "";
        for (int i = 0; i < 120 && !(reasons.contains(slowWs.socketId + "=") && reasons.contains(slowPollingId + "="));
                i++) {
            Thread.sleep(250);
            reasons = action(engine, "reasons");
        }
        assertThat(reasons).as("the slow clients' disconnect reasons").contains(slowWs.socketId + "=transport error")
                .contains(slowPollingId + "=transport error");
        for (Counting c : clients) {
            assertThat(c.problems).as("client %s", c.id).isEmpty();
            assertThat(c.received).as("client %s: broadcasts in the second round", c.id).isEqualTo(2 * BROADCASTS);
        }
        assertThat(action(engine, "reasons").lines()).as("no other client was closed").hasSize(2);
        long heapAfter = Long.parseLong(action(engine, "heap"));
        List<Long> latencies = new ArrayList<>();
        clients.forEach(c -> latencies.addAll(c.latencies(2)));
        List<Long> quietLatencies = new ArrayList<>();
        clients.forEach(c -> quietLatencies.addAll(c.latencies(1)));
        System.out.printf("SlowClientsIT: %d clients x %d broadcasts; without slow clients %d ms (p99 %d ms), "
                        + "with them %d ms (p99 %d ms); heap after GC %d MiB before, %d MiB after (limit %d MiB, "
                        + "%d MiB flooded to each slow client)%n", CLIENTS, BROADCASTS, quiet, p99(quietLatencies),
                busy, p99(latencies), heapBefore >> 20, heapAfter >> 20, LIMIT >> 20,
                ((long) FLOOD_COUNT * FLOOD_SIZE) >> 20);
        assertThat(busy).as("round with the slow clients, ms (without: %d ms)", quiet)
                .isLessThan(SLOWER_AT_MOST * quiet + SLACK_MS);
        assertThat(p99(latencies)).as("p99 latency with the slow clients, ms (without: %d ms)", p99(quietLatencies))
                .isLessThan(SLOWER_AT_MOST * p99(quietLatencies) + SLACK_MS);
        // had the slow clients' buffers been kept, at least 2 x LIMIT would still be in use
        assertThat(heapAfter - heapBefore).as("heap growth after GC, bytes").isLessThan(LIMIT * 3 / 2);

        slowWs.socket.close();
        for (Counting c : clients) {
            c.ws.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
        for (int i = 0; i < 120 && !"0".equals(action(engine, "clients")); i++) {
            Thread.sleep(250);
        }
        assertThat(action(engine, "clients")).isEqualTo("0");
    }

    /**
     * Uploads that arrive slowly hold no thread: more half-sent polling POSTs than the container has request
     * threads (Payara Micro's http-thread-pool has 200, WildFly's workers 16 per core), and meanwhile another
     * client's handshake and POST are answered; then the rest of each upload arrives and each gets its "ok".
     */
    @Test
    void shouldServeOthersWhileManyUploadsArriveSlowly() throws Exception {
        RawEngine engine = new RawEngine(deployed);
        int uploads = Integer.getInteger("it.slow.uploads",
                Math.max(250, 16 * Runtime.getRuntime().availableProcessors() + 50));
        List<RawEngine.KeepAlive> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < uploads; i++) {
                String q = "EIO=4&transport=polling&sid=" + engine.handshake();
                RawEngine.KeepAlive c = engine.keepAlive();
                sockets.add(c);
                c.postHead(q, 3);
                c.write(new byte[] {'6'}); // a noop; the rest, the client's close, comes later
            }
            String sid = engine.handshake();
            assertThat(engine.post("EIO=4&transport=polling&sid=" + sid, "1").body()).isEqualTo("ok");
            for (RawEngine.KeepAlive c : sockets) {
                c.write(new byte[] {0x1e, '1'});
            }
            for (int i = 0; i < sockets.size(); i++) {
                assertThat(sockets.get(i).answer()).as("upload %d", i).isEqualTo("200 ok");
            }
        } finally {
            for (RawEngine.KeepAlive c : sockets) {
                c.close();
            }
        }
        for (int i = 0; i < 120 && !"0".equals(action(engine, "clients")); i++) {
            Thread.sleep(250);
        }
        assertThat(action(engine, "clients")).isEqualTo("0");
    }

    private static long broadcastAndWait(RawEngine engine, List<Counting> clients, int round) throws Exception {
        long start = System.nanoTime();
        action(engine, "broadcast&count=" + BROADCASTS + "&size=100&volatileEvery=" + VOLATILE_EVERY);
        for (Counting c : clients) {
            for (int i = 0; i < 600 && c.received() < round * BROADCASTS && c.problems.isEmpty(); i++) {
                Thread.sleep(100);
            }
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static String flood(RawEngine engine, String socketId) {
        try {
            return action(engine, "flood&id=" + socketId + "&count=" + FLOOD_COUNT + "&size=" + FLOOD_SIZE);
        } catch (Exception e) {
            return String.valueOf(e);
        }
    }

    static String action(RawEngine engine, String query) throws Exception {
        String url = engine.base.replaceFirst("socket\\.io/$", "") + "test/slow?action=" + query;
        HttpResponse<String> r = engine.http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(java.time.Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s: %s", query, r.body()).isEqualTo(200);
        return r.body();
    }

    /** A long-polling client that joins the main namespace, then never polls again; returns its socket id. */
    private static String slowPolling(RawEngine engine) throws Exception {
        String sid = engine.handshake();
        String q = "EIO=4&transport=polling&sid=" + sid;
        assertThat(engine.post(q, "40").body()).isEqualTo("ok");
        String body = engine.get(q).body();
        Matcher m = SOCKET_ID.matcher(body);
        assertThat(m.find()).as("CONNECT answer in %s", body).isTrue();
        return m.group(1);
    }

    private static long p99(List<Long> values) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1));
    }

    /** A normal WebSocket client in the main namespace: counts the numbered broadcasts and checks their order. */
    static final class Counting implements WebSocket.Listener {
        final List<String> problems = Collections.synchronizedList(new ArrayList<>());
        private final StringBuilder text = new StringBuilder();
        private final List<long[]> got = new ArrayList<>(); // {round, latency ms}
        private final CompletableFuture<String> connected = new CompletableFuture<>();
        volatile String id;
        WebSocket ws;
        private int received;
        private int last;
        private int round = 1;

        static Counting connect(RawEngine engine) throws Exception {
            Counting c = new Counting();
            String wsUrl = engine.base.replaceFirst("^http", "ws") + "?EIO=4&transport=websocket";
            c.ws = engine.http.newWebSocketBuilder().buildAsync(URI.create(wsUrl), c).get(20, TimeUnit.SECONDS);
            c.id = c.connected.get(20, TimeUnit.SECONDS);
            return c;
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean lastPart) {
            text.append(data);
            if (lastPart) {
                onFrame(text.toString(), w);
                text.setLength(0);
            }
            w.request(1);
            return null;
        }

        private synchronized void onFrame(String f, WebSocket w) {
            if (f.startsWith("0{")) {
                w.sendText("40", true);
            } else if (f.startsWith("40{")) {
                Matcher m = SOCKET_ID.matcher(f);
                connected.complete(m.find() ? m.group(1) : "?");
            } else if (f.equals("2")) {
                w.sendText("3", true);
            } else if (f.startsWith("42[\"b\",")) {
                String[] parts = f.substring(7, Math.min(f.length(), 60)).split(",", 3);
                int n = Integer.parseInt(parts[0]);
                long sent = Long.parseLong(parts[1]);
                if (n == 1 && last == BROADCASTS) {
                    round++;
                    last = 0;
                }
                if (n != last + 1) {
                    problems.add("broadcast " + n + " after " + last);
                }
                last = n;
                received++;
                got.add(new long[] {round, System.currentTimeMillis() - sent});
            } else if (!f.startsWith("42[\"v\",")) {
                problems.add("unexpected frame " + f.substring(0, Math.min(f.length(), 80)));
            }
        }

        synchronized int received() {
            return received;
        }

        synchronized List<Long> latencies(int ofRound) {
            return got.stream().filter(g -> g[0] == ofRound).map(g -> g[1]).toList();
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
            if (!connected.isDone()) {
                connected.complete("closed " + statusCode);
            }
            return null;
        }

        @Override
        public void onError(WebSocket w, Throwable error) {
            problems.add("error " + error);
            connected.completeExceptionally(error);
        }
    }

    /**
     * A WebSocket client on a raw TCP socket with a small receive buffer: it completes the handshake, joins the
     * main namespace, learns its socket id, and never reads again.
     */
    static final class SlowWebSocket {
        final Socket socket;
        final String socketId;

        private SlowWebSocket(Socket socket, String socketId) {
            this.socket = socket;
            this.socketId = socketId;
        }

        static SlowWebSocket connect(RawEngine engine) throws IOException {
            URI base = URI.create(engine.base);
            Socket s = new Socket();
            s.setReceiveBufferSize(4096);
            s.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 20_000);
            s.setSoTimeout(20_000);
            String head = "GET " + base.getRawPath() + "?EIO=4&transport=websocket HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: c2lvNGVlLXNsb3ctY2xpZW50\r\n\r\n";
            s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String answer = readHead(in);
            assertThat(answer).startsWith("HTTP/1.1 101");
            assertThat(readTextFrame(in)).startsWith("0{");
            s.getOutputStream().write(maskedText("40"));
            String connect = readTextFrame(in);
            Matcher m = SOCKET_ID.matcher(connect);
            assertThat(m.find()).as("CONNECT answer %s", connect).isTrue();
            return new SlowWebSocket(s, m.group(1)); // and never reads again
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        private static String readTextFrame(InputStream in) throws IOException {
            int first = in.read();
            int len = in.read() & 0x7f;
            if (len == 126) {
                len = (in.read() << 8) | in.read();
            }
            byte[] payload = in.readNBytes(len);
            assertThat(first & 0x0f).as("a text frame").isEqualTo(1);
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** A client frame must be masked; a zero mask leaves the payload as it is. */
        private static byte[] maskedText(String text) {
            byte[] payload = text.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0x81);
            out.write(0x80 | payload.length);
            out.writeBytes(new byte[4]);
            out.writeBytes(payload);
            return out.toByteArray();
        }
    }
}
