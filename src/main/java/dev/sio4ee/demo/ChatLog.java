package dev.sio4ee.demo;

import dev.sio4ee.cdi.SocketIoSetup;
import dev.sio4ee.server.Namespace;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The demo's memory: the last messages of each room, so that a newcomer (or a client back from a network drop)
 * sees what was said. In a cluster, each server sends the messages it stores to the others
 * ({@code serverSideEmit}), so every server keeps the same history. In a real application this would be a database
 * table.
 *
 * <pre>{@code
 * @Inject ChatLog log;
 * ChatMessage m = log.append("lobby", "alice", "hello");
 * List<ChatMessage> history = log.history("lobby");
 * }</pre>
 */
@ApplicationScoped
public class ChatLog implements SocketIoSetup {
    /** The server-side event that copies a message to the logs of the other servers of a cluster. */
    public static final String REPLICATE = "chat-log";
    /** How many messages a room keeps. */
    public static final int KEEP = 100;

    private final Map<String, Deque<ChatMessage>> rooms = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    /** Tells this server's messages apart from the other servers' in ids. */
    private final String server = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    private volatile Namespace chat;

    /**
     * Listens to the messages the other servers of a cluster store (with the in-memory adapter, there are none).
     * <pre>{@code chatLog.configure(io);}</pre>
     *
     * @param io the server
     */
    @Override
    public void configure(SocketIoServer io) {
        chat = io.of(ChatObserver.NSP);
        chat.onServerSideEmit(REPLICATE, (args, ack) -> {
            if (args.size() > 0 && args.get(0) instanceof Map<?, ?> m && m.get("room") instanceof String room
                    && m.get("id") instanceof String id && m.get("text") instanceof String text
                    && m.get("ts") instanceof Number ts) {
                keep(new ChatMessage(id, room, String.valueOf(m.get("from")), text, ts.longValue()));
            }
        });
    }

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
        keep(m);
        Namespace nsp = chat;
        if (nsp != null) {
            nsp.serverSideEmit(REPLICATE, m.toMap());
        }
        return m;
    }

    private void keep(ChatMessage m) {
        String room = m.room();
        Deque<ChatMessage> log = rooms.computeIfAbsent(room, r -> new ArrayDeque<>());
        synchronized (log) {
            log.addLast(m);
            while (log.size() > KEEP) {
                log.removeFirst();
            }
        }
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
     * A new message id (unique across the servers of a cluster).
     * <pre>{@code String id = log.nextId();}</pre>
     *
     * @return the id
     */
    public String nextId() {
        return Long.toString(System.currentTimeMillis(), 36) + "-" + server + "-" + sequence.incrementAndGet();
    }
}
