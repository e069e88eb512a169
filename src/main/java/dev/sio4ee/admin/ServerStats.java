package dev.sio4ee.admin;

import dev.sio4ee.engine.CloseReason;
import dev.sio4ee.engine.EngineObserver;
import dev.sio4ee.engine.EngineSession;
import dev.sio4ee.server.Namespace;
import dev.sio4ee.server.SocketIoServer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The admin UI's {@code server_stats}: the engine's counters bucketed per second (Node's {@code EventBuffer}:
 * {@code rawConnection}, {@code rawDisconnection} by reason, {@code packetsIn}/{@code packetsOut},
 * {@code bytesIn}/{@code bytesOut}), the polling clients, and a snapshot of the server, taken and cleared at each
 * emission. The engine calls it as an {@link EngineObserver}; it only counts there.
 */
final class ServerStats implements EngineObserver {
    /** One bucket: a second, a type, an optional sub-type. */
    private record Key(long second, String type, String subType) {
    }

    private final Map<Key, LongAdder> buffer = new ConcurrentHashMap<>();
    private final Set<String> polling = ConcurrentHashMap.newKeySet();
    private final LongSupplier clock;
    private final Map<String, Object> base;

    ServerStats(String serverId, String hostname, LongSupplier clock) {
        this.clock = clock;
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("serverId", serverId);
        b.put("hostname", hostname);
        b.put("pid", ProcessHandle.current().pid());
        this.base = Map.copyOf(b);
    }

    void push(String type, String subType, long count) {
        long second = clock.getAsLong() / 1000 * 1000;
        buffer.computeIfAbsent(new Key(second, type, subType), k -> new LongAdder()).add(count);
    }

    @Override
    public void onOpen(EngineSession session) {
        push("rawConnection", null, 1);
        if ("polling".equals(session.transport())) {
            polling.add(session.id());
        }
    }

    @Override
    public void onUpgrade(EngineSession session) {
        polling.remove(session.id());
    }

    @Override
    public void onClose(EngineSession session, CloseReason reason) {
        polling.remove(session.id());
        push("rawDisconnection", reason.text(), 1);
    }

    @Override
    public void onPacketIn(EngineSession session, long bytes) {
        push("packetsIn", null, 1);
        push("bytesIn", null, bytes);
    }

    @Override
    public void onPacketOut(EngineSession session, long bytes) {
        push("packetsOut", null, 1);
        push("bytesOut", null, bytes);
    }

    /** The polling clients (sessions opened with long-polling, not upgraded, not closed). */
    int pollingClientsCount() {
        return polling.size();
    }

    /** The buckets so far, oldest first, cleared (Node's {@code getValuesAndClear}). */
    List<Map<String, Object>> drain() {
        List<Map<String, Object>> out = new ArrayList<>();
        Iterator<Map.Entry<Key, LongAdder>> it = buffer.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, LongAdder> e = it.next();
            it.remove();
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("timestamp", e.getKey().second());
            event.put("type", e.getKey().type());
            if (e.getKey().subType() != null) {
                event.put("subType", e.getKey().subType());
            }
            event.put("count", e.getValue().sum());
            out.add(event);
        }
        out.sort(Comparator.comparingLong(m -> (Long) m.get("timestamp")));
        return out;
    }

    /** The {@code server_stats} payload, draining the buckets. */
    Map<String, Object> snapshot(SocketIoServer io) {
        Map<String, Object> stats = new LinkedHashMap<>(base);
        stats.put("uptime", ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0);
        stats.put("clientsCount", io.engine() == null ? 0 : io.engine().clientsCount());
        stats.put("pollingClientsCount", pollingClientsCount());
        stats.put("aggregatedEvents", drain());
        List<Map<String, Object>> namespaces = new ArrayList<>();
        io.namespaces().values().stream().sorted(Comparator.comparing(Namespace::name)).forEach(nsp -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("name", nsp.name());
            n.put("socketsCount", nsp.sockets().size());
            namespaces.add(n);
        });
        stats.put("namespaces", namespaces);
        return stats;
    }
}
