package dev.sio4ee.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.spi.PollingExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An Engine.IO server on the JDK's HTTP server, HTTP long-polling only, on a free loopback port: how
 * {@code RedisClusterIT} runs a second sio4ee node in the test JVM (Payara Micro's Arquillian container holds one
 * deployment at a time). Not a product: no WebSocket, no abort detection.
 */
final class PollingHost implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService threads;

    PollingHost(EngineServer engine) throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        threads = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "polling-host");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(threads);
        http.createContext("/socket.io/", exchange -> engine.handlePolling(new Exchange(exchange)));
        http.start();
    }

    /** The base URL, as the deployed WARs' ("http://127.0.0.1:port/"). */
    URI uri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        http.stop(0);
        threads.shutdownNow();
    }

    private static final class Exchange implements PollingExchange {
        private final HttpExchange exchange;
        private final Map<String, String> query = new LinkedHashMap<>();
        private boolean responded;

        Exchange(HttpExchange exchange) {
            this.exchange = exchange;
            String raw = exchange.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String pair : raw.split("&")) {
                    int eq = pair.indexOf('=');
                    String k = eq < 0 ? pair : pair.substring(0, eq);
                    String v = eq < 0 ? "" : pair.substring(eq + 1);
                    query.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8),
                            URLDecoder.decode(v, StandardCharsets.UTF_8));
                }
            }
        }

        @Override
        public String method() {
            return exchange.getRequestMethod();
        }

        @Override
        public void readBody(int limit, BodyReader reader) {
            // a test host: the JDK server's handler thread reads the body (a thread of this host's own pool)
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(limit + 1);
            } catch (IOException e) {
                reader.onError(e);
                return;
            }
            if (body.length > limit) {
                reader.onError(new BodyTooLargeException(limit));
            } else {
                reader.onBody(body);
            }
        }

        @Override
        public synchronized boolean respond(int status, Map<String, String> headers, byte[] body) {
            if (responded) {
                return false;
            }
            responded = true;
            try {
                headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                if (body.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
                return true;
            } catch (IOException e) {
                return false;
            } finally {
                exchange.close();
            }
        }

        @Override
        public void onAbort(Runnable action) {
            // the JDK server does not report a client that went away
        }

        @Override
        public String query(String name) {
            return query.get(name);
        }

        @Override
        public Map<String, String> queryParameters() {
            return query;
        }

        @Override
        public String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        @Override
        public Map<String, List<String>> headers() {
            Map<String, List<String>> all = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> all.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            return all;
        }

        @Override
        public String remoteAddress() {
            return exchange.getRemoteAddress().getAddress().getHostAddress();
        }

        @Override
        public boolean secure() {
            return false;
        }

        @Override
        public String url() {
            return exchange.getRequestURI().toString();
        }
    }
}
