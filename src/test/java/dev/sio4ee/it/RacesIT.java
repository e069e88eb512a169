package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.EchoEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The two races between requests of one session that the server handles on two threads, a few hundred rounds
 * each on the real server (Payara Micro, then WildFly), with raw HTTP over pre-connected sockets so both
 * requests really leave together. Every round must give the one right answer.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RacesIT {
    static final int ROUNDS = 300;
    private static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";

    @ArquillianResource
    URL deployed;
    RawEngine engine;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("races", new String[0], EchoEngine.class);
    }

    @BeforeEach
    void setUp() {
        engine = new RawEngine(deployed);
    }

    @Test
    void shouldEndAGetSentWithTheClosePacketWithANoopEveryTime() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String q = "EIO=4&transport=polling&sid=" + engine.handshake();
            try (Raw get = new Raw(); Raw post = new Raw()) {
                get.send("GET", q, null);
                post.send("POST", q, "1");
                Reply g = get.reply();
                Reply p = post.reply();
                if (g.status() != 200 || !g.body().equals("6") || p.status() != 200 || !p.body().equals("ok")) {
                    wrong.add("round " + round + ": GET " + g + ", POST " + p);
                }
            }
        }
        System.out.printf("RacesIT close/GET: %d rounds, %d wrong answers%n", ROUNDS, wrong.size());
        assertThat(wrong).as("rounds where the racing GET did not get 200 with a NOOP").isEmpty();
    }

    @Test
    void shouldRefuseAGetSentAfterTheUpgradePacketEveryTime() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            String sid = engine.handshake();
            String q = "EIO=4&transport=polling&sid=" + sid;
            RawEngine.Ws ws = engine.ws("EIO=4&transport=websocket&sid=" + sid);
            try (Raw get = new Raw()) {
                ws.send("2probe");
                assertThat(ws.next()).isEqualTo("3probe");
                ws.send("5"); // returns once the frame left
                get.send("GET", q, null);
                Reply g = get.reply();
                if (g.status() != 400 || !g.body().equals(BAD_REQUEST)) {
                    wrong.add("round " + round + ": GET " + g);
                }
                ws.send("4still-there");
                Object echo = ws.next();
                if (!"4still-there".equals(echo)) {
                    wrong.add("round " + round + ": the upgraded session answered " + echo);
                }
            } finally {
                ws.close();
                ws.closed.get(10, TimeUnit.SECONDS);
            }
        }
        System.out.printf("RacesIT upgrade/GET: %d rounds, %d wrong answers%n", ROUNDS, wrong.size());
        assertThat(wrong).as("rounds where the GET after UPGRADE was not refused with 400").isEmpty();
    }

    record Reply(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /** One HTTP/1.1 request on its own socket, connected before the request is written. */
    final class Raw implements AutoCloseable {
        private final Socket socket;
        private final URI base;

        Raw() throws IOException {
            base = URI.create(engine.base);
            socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(20_000);
            socket.setTcpNoDelay(true);
        }

        void send(String method, String query, String body) throws IOException {
            byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            String head = method + " " + base.getRawPath() + "?" + query + " HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + (body == null ? "" : "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: "
                    + content.length + "\r\n")
                    + "Connection: close\r\n\r\n";
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(content);
            socket.getOutputStream().write(out.toByteArray());
            socket.getOutputStream().flush();
        }

        /** Status and body, read by its Content-Length (or chunks): the connection may stay open after it. */
        Reply reply() throws IOException {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return new Reply(-1, head.toString(StandardCharsets.US_ASCII));
                }
                head.write(b);
            }
            String h = head.toString(StandardCharsets.US_ASCII);
            int status = Integer.parseInt(h.substring(9, 12));
            String lower = h.toLowerCase(Locale.ROOT);
            int cl = lower.indexOf("content-length:");
            if (cl >= 0) {
                int len = Integer.parseInt(lower.substring(cl + 15, lower.indexOf("\r\n", cl)).trim());
                return new Reply(status, new String(in.readNBytes(len), StandardCharsets.UTF_8));
            }
            if (lower.contains("transfer-encoding: chunked")) {
                StringBuilder body = new StringBuilder();
                while (true) {
                    int size = Integer.parseInt(line(in).trim(), 16);
                    if (size == 0) {
                        line(in);
                        return new Reply(status, body.toString());
                    }
                    body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                    line(in);
                }
            }
            return new Reply(status, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
