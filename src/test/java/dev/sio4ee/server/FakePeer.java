package dev.sio4ee.server;

import dev.sio4ee.engine.spi.WebSocketPeer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An in-memory WebSocket connection: records the frames the server sends. */
final class FakePeer implements WebSocketPeer {
    final Map<String, String> query = new LinkedHashMap<>();
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    final List<Object> sent = new ArrayList<>();
    volatile boolean writable = true;
    volatile Integer closeCode;

    FakePeer() {
        query.put("EIO", "4");
        query.put("transport", "websocket");
        headers.put("user-agent", List.of("fake"));
    }

    @Override
    public synchronized void sendText(String text) {
        sent.add(text);
    }

    @Override
    public synchronized void sendBinary(byte[] data) {
        sent.add(data);
    }

    @Override
    public synchronized void close(int code, String reason) {
        if (closeCode == null) {
            closeCode = code;
        }
    }

    @Override
    public boolean isWritable() {
        return writable && closeCode == null;
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
        List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
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
        return "/socket.io/?EIO=4&transport=websocket";
    }
}
