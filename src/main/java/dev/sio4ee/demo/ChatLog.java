package dev.sio4ee.demo;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's memory: the last messages of each room, so that a newcomer (or a client back from a network drop)
 * sees what was said. In a real application this would be a database table.
 *
 * <pre>{@code
 * @Inject ChatLog log;
 * ChatMessage m = log.append("lobby", "alice", "hello");
 * List<ChatMessage> history = log.history("lobby");
 * }</pre>
 */
@ApplicationScoped
public class ChatLog {
    /** How many messages a room keeps. */
    public static final int KEEP = 100;

    private final Map<String, Deque<ChatMessage>> rooms = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();

    /**
     * Stores a message in a room and returns it with its id and time.
     * <pre>{@code ChatMessage m = log.append("lobby", "alice", "hello");}</pre>
     *
     * @param room the room
     * @param from the sender's nickname
     * @param text the text
     * @return the stored message
     */
    public ChatMessage append(String room, String from, String text) {
        ChatMessage m = new ChatMessage(nextId(), room, from, text, System.currentTimeMillis());
        Deque<ChatMessage> log = rooms.computeIfAbsent(room, r -> new ArrayDeque<>());
        synchronized (log) {
            log.addLast(m);
            while (log.size() > KEEP) {
                log.removeFirst();
            }
        }
        return m;
    }

    /**
     * The last messages of a room, oldest first.
     * <pre>{@code log.history("lobby").size()}</pre>
     *
     * @param room the room
     * @return a copy of the history
     */
    public List<ChatMessage> history(String room) {
        Deque<ChatMessage> log = rooms.get(room);
        if (log == null) {
            return List.of();
        }
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /**
     * A new message id (unique within this server's run).
     * <pre>{@code String id = log.nextId();}</pre>
     *
     * @return the id
     */
    public String nextId() {
        return Long.toString(System.currentTimeMillis(), 36) + "-" + sequence.incrementAndGet();
    }
}
