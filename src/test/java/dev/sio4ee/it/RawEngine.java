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

    /** Opens one plain TCP connection to the server, for several HTTP/1.1 requests in a row (keep-alive). */
    KeepAlive keepAlive() throws Exception {
        URI uri = URI.create(base);
        return new KeepAlive(new java.net.Socket(uri.getHost(), uri.getPort()), uri);
    }

    /**
     * One keep-alive TCP connection spoken to by hand: HTTP/1.1 requests one after the other, then maybe a
     * WebSocket upgrade on the same connection, as a browser may reuse a polling connection for the upgrade.
     */
    static final class KeepAlive implements AutoCloseable {
        private final java.net.Socket socket;
        private final java.io.InputStream in;
        private final java.io.OutputStream out;
        private final URI base;

        private KeepAlive(java.net.Socket socket, URI base) throws java.io.IOException {
            this.socket = socket;
            this.base = base;
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            this.in = new java.io.BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        /** The request line and headers up to the empty line, for the Engine.IO path with this query. */
        private String head(String method, String query, String... headers) {
            StringBuilder req = new StringBuilder(method).append(' ').append(base.getRawPath()).append('?')
                    .append(query).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) {
                req.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            }
            return req.append("\r\n").toString();
        }

        /** Sends a POST with a Content-Length body and returns "status body" of the answer. */
        String post(String query, String body) throws java.io.IOException {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            postHead(query, b.length);
            write(b);
            return answer();
        }

        /** Sends the request line and headers of a POST whose body of {@code length} bytes follows later. */
        void postHead(String query, int length) throws java.io.IOException {
            write(head("POST", query, "Content-Type", "text/plain;charset=UTF-8",
                    "Content-Length", String.valueOf(length)).getBytes(StandardCharsets.US_ASCII));
        }

        /** Sends a GET and returns "status body" of the answer. */
        String get(String query) throws java.io.IOException {
            write(head("GET", query).getBytes(StandardCharsets.US_ASCII));
            return answer();
        }

        /** Sends raw bytes as they are (part of a request, say). */
        void write(byte[] bytes) throws java.io.IOException {
            out.write(bytes);
            out.flush();
        }

        /** Reads one HTTP answer with a Content-Length body; returns "status body". */
        String answer() throws java.io.IOException {
            java.util.Map<String, String> headers = new java.util.HashMap<>();
            String status = readHead(headers);
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            byte[] body = in.readNBytes(length);
            if (body.length < length) {
                throw new java.io.EOFException("answer body cut at " + body.length + " of " + length + " bytes");
            }
            return status.split(" ")[1] + " " + new String(body, StandardCharsets.UTF_8);
        }

        /** Reads a status line and headers (names in lower case into {@code headers}); returns the status line. */
        private String readHead(java.util.Map<String, String> headers) throws java.io.IOException {
            String status = line();
            for (String l = line(); !l.isEmpty(); l = line()) {
                int colon = l.indexOf(':');
                headers.put(l.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), l.substring(colon + 1).trim());
            }
            return status;
        }

        private String line() throws java.io.IOException {
            StringBuilder l = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c == -1) {
                    throw new java.io.EOFException("connection closed after \"" + l + "\"");
                }
                if (c != '\r') {
                    l.append((char) c);
                }
            }
            return l.toString();
        }

        /**
         * Asks for a WebSocket upgrade on this connection; returns the status line of the answer (101 when it
         * was upgraded; from then on the connection speaks WebSocket frames).
         */
        String upgrade(String query) throws java.io.IOException {
            write(head("GET", query, "Connection", "Upgrade", "Upgrade", "websocket", "Sec-WebSocket-Version", "13",
                    "Sec-WebSocket-Key", "c2lvNGVlLWtlZXAtYWxpdmU=").getBytes(StandardCharsets.US_ASCII));
            return readHead(new java.util.HashMap<>());
        }

        /** Reads one unmasked server text frame (no fragmentation: the server sends whole packets). */
        String frame() throws java.io.IOException {
            int b0 = in.read();
            int b1 = in.read();
            if (b0 == -1 || b1 == -1) {
                throw new java.io.EOFException("connection closed before a frame");
            }
            long len = b1 & 0x7f;
            if (len == 126) {
                len = ((in.read() & 0xff) << 8) | (in.read() & 0xff);
            } else if (len == 127) {
                len = java.nio.ByteBuffer.wrap(in.readNBytes(8)).getLong();
            }
            byte[] payload = in.readNBytes((int) len);
            return (b0 & 0x0f) == 8 ? "<close>" : new String(payload, StandardCharsets.UTF_8);
        }

        /** Sends a masked client frame: text ({@code opcode} 1) or close (8). */
        void sendFrame(int opcode, byte[] payload) throws java.io.IOException {
            java.io.ByteArrayOutputStream f = new java.io.ByteArrayOutputStream();
            f.write(0x80 | opcode);
            f.write(0x80 | payload.length); // short frames only
            byte[] mask = {0x11, 0x22, 0x33, 0x44};
            f.writeBytes(mask);
            for (int i = 0; i < payload.length; i++) {
                f.write(payload[i] ^ mask[i % 4]);
            }
            write(f.toByteArray());
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
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
