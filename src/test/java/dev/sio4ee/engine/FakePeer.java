package dev.sio4ee.engine;

import dev.sio4ee.engine.spi.WebSocketPeer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** An in-memory {@link WebSocketPeer} that records the frames sent and the close. */
final class FakePeer implements WebSocketPeer {
    private final String queryString;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, List<String>> headers = new TreeMap<>();
    private final List<Object> frames = new ArrayList<>();
    private final List<Integer> closeCalls = new ArrayList<>();
    private boolean writable = true;
    private int closeCode = -1;
    private String closeReason;

    FakePeer(String queryString) {
        this.queryString = queryString;
        if (!queryString.isEmpty()) {
            for (String pair : queryString.split("&")) {
                int eq = pair.indexOf('=');
                query.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }

    FakePeer header(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), List.of(value));
        return this;
    }

    synchronized void writable(boolean v) {
        writable = v;
    }

    @Override
    public synchronized void sendText(String text) {
        if (closeCode < 0) {
            frames.add(text);
        }
    }

    @Override
    public synchronized void sendBinary(byte[] data) {
        if (closeCode < 0) {
            frames.add(data.clone());
        }
    }

    @Override
    public synchronized void close(int code, String reason) {
        closeCalls.add(code);
        if (closeCode < 0) {
            closeCode = code;
            closeReason = reason;
        }
    }

    @Override
    public synchronized boolean isWritable() {
        return writable && closeCode < 0;
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
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null ? null : v.get(0);
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    @Override
    public boolean secure() {
        return false;
    }

    @Override
    public String url() {
        return "/socket.io/?" + queryString;
    }

    // ---- test side ----

    /** All frames: String for text, byte[] for binary. */
    synchronized List<Object> frames() {
        return new ArrayList<>(frames);
    }

    /** Text frames only. */
    synchronized List<String> texts() {
        return frames.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    /** Removes and returns the frames recorded so far. */
    synchronized List<Object> takeFrames() {
        List<Object> copy = new ArrayList<>(frames);
        frames.clear();
        return copy;
    }

    synchronized boolean closed() {
        return closeCode >= 0;
    }

    synchronized int closeCode() {
        return closeCode;
    }

    synchronized String closeReason() {
        return closeReason;
    }

    synchronized List<Integer> closeCalls() {
        return new ArrayList<>(closeCalls);
    }
}
