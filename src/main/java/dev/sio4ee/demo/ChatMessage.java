package dev.sio4ee.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One chat line, as the page receives it.
 *
 * <pre>{@code socket.emit("message", new ChatMessage(id, "lobby", "alice", "hi", now).toMap());}</pre>
 *
 * @param id   unique id (the page drops duplicates by id)
 * @param room the room, or null for a private message
 * @param from the sender's nickname
 * @param text the text
 * @param ts   when the server received it (epoch ms)
 */
public record ChatMessage(String id, String room, String from, String text, long ts) {

    /**
     * The message as a JSON-ready map.
     * <pre>{@code socket.to("lobby").emit("message", message.toMap());}</pre>
     *
     * @return {@code {id, room, from, text, ts}}
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("room", room);
        m.put("from", from);
        m.put("text", text);
        m.put("ts", ts);
        return m;
    }
}
