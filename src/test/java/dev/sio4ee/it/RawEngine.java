package dev.sio4ee.it;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Raw Engine.IO conversations with the JDK's HTTP and WebSocket clients. */
final class RawEngine {
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    // HTTP/1.1 as the Socket.IO clients use for long-polling
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    final String base; // http://127.0.0.1:port/ctx/socket.io/

    RawEngine(URL deployed) {
        this.base = Deployments.loopback(deployed) + "socket.io/";
    }

    HttpResponse<String> get(String query, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "?" + query)).timeout(TIMEOUT).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> getAsync(String query) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(base + "?" + query)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String query, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "?" + query)).timeout(TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String query, String body) throws Exception {
        return send("POST", query, body.getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain;charset=UTF-8");
    }

    /** Polling handshake; returns the sid. */
    String handshake() throws Exception {
        HttpResponse<String> r = get("EIO=4&transport=polling");
        if (r.statusCode() != 200 || !r.body().startsWith("0{")) {
            throw new AssertionError("handshake failed: " + r.statusCode() + " " + r.body());
        }
        return sid(r.body());
    }

    static String sid(String openPacket) {
        Matcher m = SID.matcher(openPacket);
        if (!m.find()) {
            throw new AssertionError("no sid in " + openPacket);
        }
        return m.group(1);
    }

    Ws ws(String query, String... headers) throws Exception {
        return wsAt("socket.io/", query, headers);
    }

    Ws wsAt(String path, String query, String... headers) throws Exception {
        String wsBase = base.replaceFirst("^http", "ws").replaceFirst("socket\\.io/$", "");
        Ws listener = new Ws();
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(TIMEOUT);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        listener.socket = b.buildAsync(URI.create(wsBase + path + "?" + query), listener)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return listener;
    }

    /**
     * Sends a WebSocket upgrade request over a plain socket and returns the raw HTTP answer (status line, headers
     * and body), for upgrades the server must refuse before upgrading.
     */
    String refusedUpgrade(String query, String... headers) throws Exception {
        URI uri = URI.create(base + "?" + query);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            StringBuilder req = new StringBuilder("GET " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n")
                    .append("Sec-WebSocket-Key: c2lvNGVlLXJlZnVzZWQtdXA=\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            socket.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            // the server closes the connection after its answer (Connection: close)
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A WebSocket that queues what it receives: Strings for text, byte[] for binary. */
    static final class Ws implements WebSocket.Listener {
        final BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket socket;
        private final StringBuilder text = new StringBuilder();
        private java.io.ByteArrayOutputStream bin = new java.io.ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                frames.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            bin.writeBytes(b);
            if (last) {
                frames.add(bin.toByteArray());
                bin = new java.io.ByteArrayOutputStream();
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            frames.add("<closed " + statusCode + " " + reason + ">");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.complete(-1);
            frames.add("<error " + error + ">");
        }

        /** Next frame that is not a ping "2" (pings are answered with "3"). */
        Object next() throws InterruptedException {
            while (true) {
                Object f = frames.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (f == null) {
                    throw new AssertionError("no frame within " + TIMEOUT);
                }
                if ("2".equals(f)) {
                    send("3");
                    continue;
                }
                return f;
            }
        }

        void send(String s) {
            socket.sendText(s, true).join();
        }

        void send(byte[] b) {
            socket.sendBinary(ByteBuffer.wrap(b), true).join();
        }

        void close() {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
            }
        }
    }
}
