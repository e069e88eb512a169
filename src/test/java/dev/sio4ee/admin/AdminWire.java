package dev.sio4ee.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.FakePeer;
import dev.sio4ee.engine.spi.WebSocketHandler;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** A WebSocket client of the engine that reads Socket.IO text frames (the admin UI's, as JSON arrays). */
final class AdminWire {
    final FakePeer peer = new FakePeer("EIO=4&transport=websocket").header("user-agent", "admin-test")
            .header("x-forwarded-for", "203.0.113.7");
    final WebSocketHandler handler;
    private int cursor = 1;

    AdminWire(EngineServer engine) {
        handler = engine.openWebSocket(peer);
        assertThat((String) peer.frames().get(0)).startsWith("0{\"sid\":");
    }

    AdminWire send(String socketIoPacket) {
        handler.onText("4" + socketIoPacket);
        return this;
    }

    /** The Socket.IO text frames received since the last call. */
    List<String> frames() {
        List<String> out = new ArrayList<>();
        synchronized (peer) {
            List<Object> all = peer.frames();
            while (cursor < all.size()) {
                Object f = all.get(cursor++);
                if (f instanceof String s && s.startsWith("4")) {
                    out.add(s.substring(1));
                }
            }
        }
        return out;
    }

    /** The arguments of the events with this name among the frames of a namespace, as {@code [name, ...args]}. */
    static List<JsonArray> events(List<String> frames, String nsp, String name) {
        String prefix = "2" + ("/".equals(nsp) ? "" : nsp + ",");
        List<JsonArray> out = new ArrayList<>();
        for (String f : frames) {
            if (f.startsWith(prefix) && (f.length() > prefix.length() && f.charAt(prefix.length()) == '[')) {
                JsonArray a = Json.createReader(new StringReader(f.substring(prefix.length()))).readArray();
                if (a.getString(0).equals(name)) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    void close() {
        handler.onClose(1000, "");
    }
}
