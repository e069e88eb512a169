package dev.sio4ee.adapter;

import dev.sio4ee.protocol.Packet;
import dev.sio4ee.protocol.PacketType;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The in-memory adapter with connection-state recovery (socket.io-adapter's {@code SessionAwareAdapter}), the
 * default adapter when recovery is on. Every EVENT broadcast without ack id and not volatile gets an offset, a
 * string appended as its last argument and kept, with the packet, in a log; sessions of sockets that dropped are
 * kept by private id. Both are forgotten {@code maxDisconnectionDuration} after they were written or saved: a
 * sweep runs on the server's shared scheduler every minute (or every {@code maxDisconnectionDuration} if shorter),
 * never a timer per socket, so memory is bounded by what was broadcast in that window.
 *
 * <pre>{@code
 * Adapter adapter = new SessionAwareAdapter(namespace, 120_000);
 * adapter.broadcast(Packet.event("/", "news", List.of("hi")), BroadcastOptions.ALL); // 2["news","hi","<offset>"]
 * adapter.persistSession(new Session(id, pid, Set.of(id, "room1"), Map.of(), List.of()));
 * adapter.restoreSession(pid, offset).thenAccept(s -> s.missedPackets()); // what the client missed
 * }</pre>
 *
 * <p>Unlike Node, a session is handed out once: {@link #restoreSession} removes it, so two connections can never
 * recover the same socket id. Offsets follow the log's order; broadcasts from one thread reach a socket in that
 * order. Two threads broadcasting to one socket at the same instant may have their frames written in the other
 * order than their offsets, and a client that then drops may get the later-offset one again on recovery
 * (Node, single-threaded, cannot meet this case).
 */
public class SessionAwareAdapter extends InMemoryAdapter {
    /** How often expired sessions and packets are dropped at most (Node's sweep interval). */
    static final long SWEEP_INTERVAL = 60_000;

    private record Stored(Session session, long disconnectedAt) {
    }

    private record Logged(String offset, long emittedAt, Packet packet, BroadcastOptions opts) {
    }

    private final long maxDisconnectionDuration;
    private final Object logLock = new Object();
    private final Map<String, Stored> sessions = new LinkedHashMap<>();
    private final Deque<Logged> packets = new ArrayDeque<>();
    private final String offsetPrefix;
    private long sequence;
    private volatile boolean closed;
    private volatile Runnable cancelSweep = () -> { };

    /**
     * Creates the adapter of a namespace.
     * <pre>{@code Adapter.Factory f = host -> new SessionAwareAdapter(host, 120_000);}</pre>
     *
     * @param host                     the namespace
     * @param maxDisconnectionDuration how long, in ms, sessions and packets are kept
     */
    public SessionAwareAdapter(AdapterHost host, long maxDisconnectionDuration) {
        super(host);
        if (maxDisconnectionDuration <= 0) {
            throw new IllegalArgumentException("maxDisconnectionDuration must be positive");
        }
        this.maxDisconnectionDuration = maxDisconnectionDuration;
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        // a random prefix: offsets of another adapter (an earlier server run) never match ours
        this.offsetPrefix = Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "-";
        scheduleSweep();
    }

    private void scheduleSweep() {
        if (!closed) {
            cancelSweep = host().schedule(this::sweep, Math.min(SWEEP_INTERVAL, maxDisconnectionDuration));
        }
    }

    /** Drops the sessions and packets older than the recovery window, then schedules the next sweep. */
    void sweep() {
        long threshold = host().nowMillis() - maxDisconnectionDuration;
        synchronized (logLock) {
            sessions.values().removeIf(s -> s.disconnectedAt < threshold);
            while (!packets.isEmpty() && packets.peekFirst().emittedAt < threshold) {
                packets.removeFirst();
            }
        }
        scheduleSweep();
    }

    /**
     * Broadcasts, first appending an offset to EVENT packets without ack id that are not volatile and logging
     * them for the clients that will reconnect.
     * <pre>{@code adapter.broadcast(Packet.event("/", "news", List.of("hi")), BroadcastOptions.ALL);}</pre>
     *
     * @param packet the packet
     * @param opts   the targets and flags
     */
    @Override
    public void broadcast(Packet packet, BroadcastOptions opts) {
        Packet p = packet;
        if (packet.type() == PacketType.EVENT && packet.id() == null && !opts.flags().isVolatile()) {
            synchronized (logLock) {
                String offset = offsetPrefix + Long.toString(sequence++, 36);
                p = packet.withArgument(offset);
                packets.addLast(new Logged(offset, host().nowMillis(), p, opts));
            }
        }
        super.broadcast(p, opts);
    }

    @Override
    public void persistSession(Session session) {
        synchronized (logLock) {
            sessions.put(session.pid(), new Stored(session.withMissedPackets(List.of()), host().nowMillis()));
        }
    }

    @Override
    public CompletionStage<Session> restoreSession(String pid, String offset) {
        synchronized (logLock) {
            Stored stored = sessions.get(pid);
            if (stored == null) {
                return CompletableFuture.completedFuture(null); // unknown, or swept after expiry
            }
            if (stored.disconnectedAt + maxDisconnectionDuration < host().nowMillis()) {
                sessions.remove(pid);
                return CompletableFuture.completedFuture(null);
            }
            List<Packet> missed = missedSince(offset, stored.session.rooms());
            if (missed == null) {
                return CompletableFuture.completedFuture(null); // the offset is too old, or not ours
            }
            sessions.remove(pid);
            return CompletableFuture.completedFuture(stored.session.withMissedPackets(missed));
        }
    }

    /** The logged packets after the offset that reach a socket in these rooms; null if the offset is unknown. */
    private List<Packet> missedSince(String offset, Set<String> rooms) {
        List<Logged> after = new ArrayList<>();
        boolean found = false;
        for (Iterator<Logged> it = packets.descendingIterator(); it.hasNext(); ) {
            Logged l = it.next();
            if (l.offset.equals(offset)) {
                found = true;
                break;
            }
            after.add(l);
        }
        if (!found) {
            return null;
        }
        Collections.reverse(after);
        List<Packet> missed = new ArrayList<>();
        for (Logged l : after) {
            if (shouldInclude(rooms, l.opts)) {
                missed.add(l.packet);
            }
        }
        return missed;
    }

    private static boolean shouldInclude(Set<String> sessionRooms, BroadcastOptions opts) {
        boolean included = opts.rooms().isEmpty();
        for (String room : sessionRooms) {
            if (opts.except().contains(room)) {
                return false;
            }
            included |= opts.rooms().contains(room);
        }
        return included;
    }

    /** The number of sessions kept (for tests and metrics). */
    int sessionCount() {
        synchronized (logLock) {
            return sessions.size();
        }
    }

    /** The number of packets kept (for tests and metrics). */
    int packetCount() {
        synchronized (logLock) {
            return packets.size();
        }
    }

    /**
     * Forgets rooms, sessions and packets, and stops sweeping.
     * <pre>{@code adapter.close();}</pre>
     */
    @Override
    public void close() {
        closed = true;
        cancelSweep.run();
        synchronized (logLock) {
            sessions.clear();
            packets.clear();
        }
        super.close();
    }
}
