package dev.sio4ee.adapter;

import dev.sio4ee.protocol.Encoder;
import dev.sio4ee.protocol.Packet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The adapter of a single server: rooms in memory, broadcasts encoded once and written to every matching local
 * socket. Thread-safe: the room maps change under one lock, writes and room events happen outside it.
 * Subclasses (a cluster adapter) add the other servers and reuse the local operations ({@code broadcast} with
 * {@code flags.local}, {@link #localSockets(BroadcastOptions)}).
 *
 * <pre>{@code
 * Adapter adapter = new InMemoryAdapter(namespace);
 * adapter.addAll("id1", Set.of("id1", "room1"));
 * adapter.sockets(Set.of("room1")).thenAccept(ids -> System.out.println(ids)); // [id1]
 * }</pre>
 */
public class InMemoryAdapter implements Adapter {
    private static final System.Logger LOG = System.getLogger(InMemoryAdapter.class.getName());

    private final AdapterHost host;
    private final Encoder encoder = new Encoder();
    private final Object lock = new Object();
    private final Map<String, Set<String>> rooms = new HashMap<>();
    private final Map<String, Set<String>> sids = new LinkedHashMap<>();
    private final List<RoomListener> listeners = new CopyOnWriteArrayList<>();
    /** The room events held back by {@link #withRoomEventsAfter} on this thread, or null. */
    private final ThreadLocal<List<Runnable>> heldEvents = new ThreadLocal<>();

    /**
     * Creates the adapter of a namespace.
     * <pre>{@code Adapter adapter = new InMemoryAdapter(namespace);}</pre>
     *
     * @param host the namespace
     */
    public InMemoryAdapter(AdapterHost host) {
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    public AdapterHost host() {
        return host;
    }

    /**
     * The encoder used to encode each broadcast once.
     * <pre>{@code List<Object> frames = encoder().encode(packet);}</pre>
     *
     * @return the shared, stateless encoder
     */
    protected Encoder encoder() {
        return encoder;
    }

    @Override
    public void addAll(String id, Set<String> newRooms) {
        List<Runnable> events = new ArrayList<>();
        synchronized (lock) {
            Set<String> mine = sids.computeIfAbsent(id, k -> new LinkedHashSet<>());
            for (String room : newRooms) {
                mine.add(room);
                Set<String> members = rooms.get(room);
                if (members == null) {
                    members = new LinkedHashSet<>();
                    rooms.put(room, members);
                    events.add(() -> listeners.forEach(l -> l.onCreateRoom(room)));
                }
                if (members.add(id)) {
                    events.add(() -> listeners.forEach(l -> l.onJoinRoom(room, id)));
                }
            }
        }
        fire(events);
    }

    @Override
    public void del(String id, String room) {
        List<Runnable> events = new ArrayList<>();
        synchronized (lock) {
            Set<String> mine = sids.get(id);
            if (mine != null) {
                mine.remove(room);
            }
            removeLocked(room, id, events);
        }
        fire(events);
    }

    @Override
    public void delAll(String id) {
        List<Runnable> events = new ArrayList<>();
        synchronized (lock) {
            Set<String> mine = sids.remove(id);
            if (mine == null) {
                return;
            }
            for (String room : mine) {
                removeLocked(room, id, events);
            }
        }
        fire(events);
    }

    private void removeLocked(String room, String id, List<Runnable> events) {
        Set<String> members = rooms.get(room);
        if (members == null) {
            return;
        }
        if (members.remove(id)) {
            events.add(() -> listeners.forEach(l -> l.onLeaveRoom(room, id)));
        }
        if (members.isEmpty() && rooms.remove(room) != null) {
            events.add(() -> listeners.forEach(l -> l.onDeleteRoom(room)));
        }
    }

    @Override
    public void withRoomEventsAfter(Runnable work) {
        if (heldEvents.get() != null) {
            work.run(); // nested: the outermost call fires
            return;
        }
        List<Runnable> held = new ArrayList<>();
        heldEvents.set(held);
        try {
            work.run();
        } finally {
            heldEvents.remove();
            fire(held);
        }
    }

    private void fire(List<Runnable> events) {
        List<Runnable> held = heldEvents.get();
        if (held != null) {
            held.addAll(events);
            return;
        }
        for (Runnable e : events) {
            try {
                e.run();
            } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "room listener failed", ex);
            }
        }
    }

    /**
     * Whether a local socket with this id has rooms here (socket.io-adapter's {@code sids.has(id)}): tells a
     * socket's own room from a public room without copying {@link #sids()}.
     * <pre>{@code boolean privateRoom = hasSocket(room);}</pre>
     *
     * @param id the socket id
     * @return true if the adapter knows the socket
     */
    protected boolean hasSocket(String id) {
        synchronized (lock) {
            return sids.containsKey(id);
        }
    }

    @Override
    public Map<String, Set<String>> rooms() {
        synchronized (lock) {
            return snapshot(rooms);
        }
    }

    /**
     * Whether some local socket is in the room (cheaper than {@code rooms().containsKey(room)}).
     * <pre>{@code if (!adapter.hasRoom("room1")) return; // nobody here to tell}</pre>
     *
     * @param room the room
     * @return true if the room exists here
     */
    public boolean hasRoom(String room) {
        synchronized (lock) {
            return rooms.containsKey(room);
        }
    }

    @Override
    public Map<String, Set<String>> sids() {
        synchronized (lock) {
            return snapshot(sids);
        }
    }

    private static Map<String, Set<String>> snapshot(Map<String, Set<String>> map) {
        Map<String, Set<String>> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
        return Collections.unmodifiableMap(copy);
    }

    @Override
    public void broadcast(Packet packet, BroadcastOptions opts) {
        Packet p = inNamespace(packet);
        List<Object> frames = encoder.encode(p);
        boolean isVolatile = opts.flags().isVolatile();
        for (LocalSocket socket : localSockets(opts)) {
            socket.write(p, frames, isVolatile);
        }
    }

    @Override
    public void broadcastWithAck(Packet packet, BroadcastOptions opts, IntConsumer clientCount,
                                 Consumer<Packet> ack) {
        Packet p = inNamespace(packet).withId(host.nextAckId());
        List<Object> frames = encoder.encode(p);
        boolean isVolatile = opts.flags().isVolatile();
        List<LocalSocket> targets = localSockets(opts);
        for (LocalSocket socket : targets) {
            socket.expectAck(p.id(), ack);
            socket.write(p, frames, isVolatile);
        }
        clientCount.accept(targets.size());
    }

    private Packet inNamespace(Packet packet) {
        return packet.nsp().equals(host.name()) ? packet
                : new Packet(packet.type(), host.name(), packet.id(), packet.data(), packet.attachments());
    }

    /**
     * The local sockets matching the options, each once: the members of the target rooms (every socket when there
     * is none) minus the members of the excluded rooms.
     * <pre>{@code for (LocalSocket s : localSockets(opts)) s.disconnect(false);}</pre>
     *
     * @param opts the targets
     * @return the sockets, in room order
     */
    protected List<LocalSocket> localSockets(BroadcastOptions opts) {
        List<String> ids = new ArrayList<>();
        synchronized (lock) {
            Set<String> except = new java.util.HashSet<>();
            for (String room : opts.except()) {
                Set<String> members = rooms.get(room);
                if (members != null) {
                    except.addAll(members);
                }
            }
            if (opts.rooms().isEmpty()) {
                for (String id : sids.keySet()) {
                    if (!except.contains(id)) {
                        ids.add(id);
                    }
                }
            } else {
                Set<String> seen = new java.util.HashSet<>();
                for (String room : opts.rooms()) {
                    Set<String> members = rooms.get(room);
                    if (members == null) {
                        continue;
                    }
                    for (String id : members) {
                        if (!except.contains(id) && seen.add(id)) {
                            ids.add(id);
                        }
                    }
                }
            }
        }
        List<LocalSocket> sockets = new ArrayList<>(ids.size());
        for (String id : ids) {
            LocalSocket s = host.localSocket(id);
            if (s != null) {
                sockets.add(s);
            }
        }
        return sockets;
    }

    @Override
    public CompletionStage<Set<String>> sockets(Set<String> targetRooms) {
        Set<String> ids = new LinkedHashSet<>();
        for (LocalSocket s : localSockets(new BroadcastOptions(targetRooms, Set.of(), BroadcastFlags.NONE))) {
            ids.add(s.id());
        }
        return CompletableFuture.completedFuture(Collections.unmodifiableSet(ids));
    }

    @Override
    public Set<String> socketRooms(String id) {
        synchronized (lock) {
            Set<String> mine = sids.get(id);
            return mine == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(mine));
        }
    }

    @Override
    public CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions opts) {
        List<SocketDetails> list = new ArrayList<>();
        for (LocalSocket s : localSockets(opts)) {
            list.add(s.details());
        }
        return CompletableFuture.completedFuture(Collections.unmodifiableList(list));
    }

    @Override
    public void addSockets(BroadcastOptions opts, Set<String> newRooms) {
        for (LocalSocket s : localSockets(opts)) {
            s.join(newRooms);
        }
    }

    @Override
    public void delSockets(BroadcastOptions opts, Set<String> oldRooms) {
        for (LocalSocket s : localSockets(opts)) {
            oldRooms.forEach(s::leave);
        }
    }

    @Override
    public void disconnectSockets(BroadcastOptions opts, boolean close) {
        for (LocalSocket s : localSockets(opts)) {
            s.disconnect(close);
        }
    }

    /**
     * Does nothing: there is no other server.
     * <pre>{@code adapter.serverSideEmit(Packet.event("/", "hello", null)); // no-op}</pre>
     *
     * @param packet the event
     */
    @Override
    public void serverSideEmit(Packet packet) {
        LOG.log(System.Logger.Level.DEBUG, "serverSideEmit on a single server: nobody to tell");
    }

    /**
     * Completes at once with no answer: there is no other server.
     * <pre>{@code adapter.serverSideEmitWithAck(packet, 1_000) // completes with []}</pre>
     *
     * @param packet        the event
     * @param timeoutMillis ignored
     * @return an empty list
     */
    @Override
    public CompletionStage<List<Packet>> serverSideEmitWithAck(Packet packet, long timeoutMillis) {
        return CompletableFuture.completedFuture(List.of());
    }

    /**
     * Always 1.
     * <pre>{@code adapter.serverCount() // completes with 1}</pre>
     *
     * @return 1
     */
    @Override
    public CompletionStage<Integer> serverCount() {
        return CompletableFuture.completedFuture(1);
    }

    @Override
    public void addRoomListener(RoomListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeRoomListener(RoomListener listener) {
        listeners.remove(listener);
    }

    /**
     * Forgets all rooms (no room event is fired).
     * <pre>{@code adapter.close();}</pre>
     */
    @Override
    public void close() {
        synchronized (lock) {
            rooms.clear();
            sids.clear();
        }
    }
}
