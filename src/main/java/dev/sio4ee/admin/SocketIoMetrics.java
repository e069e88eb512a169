package dev.sio4ee.admin;

import dev.sio4ee.engine.CloseReason;
import dev.sio4ee.engine.EngineObserver;
import dev.sio4ee.engine.EngineSession;
import dev.sio4ee.server.DisconnectReason;
import dev.sio4ee.server.Namespace;
import dev.sio4ee.server.ServerListener;
import dev.sio4ee.server.Socket;
import dev.sio4ee.server.SocketIoServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A server's counters for monitoring, counted with plain Java adders from the engine's and the server's hooks
 * (an {@link EngineObserver} and a {@link ServerListener}, which only count) and read when a monitoring system
 * scrapes them: connected clients per namespace and transport, socket connections and disconnections by reason,
 * engine sessions opened and closed by reason, packets and bytes in and out, broadcasts and their fan-out, ack
 * timeouts, and the adapter's publish failures. The meters are handed to {@link Sink}s (the server's metrics API,
 * looked up by the container glue), each meter once, as it appears (a namespace's meters with its first socket).
 *
 * <pre>{@code
 * SocketIoMetrics metrics = SocketIoMetrics.instrument(io, () -> 0);
 * metrics.bind(meter -> registry.gauge(meter.name(), meter.tags(), meter.value()));
 * metrics.samples().forEach(s -> log(s.name() + s.tags() + " " + s.value()));
 * }</pre>
 */
public final class SocketIoMetrics implements EngineObserver, ServerListener, AutoCloseable {
    /** The transports a client can be on. */
    private static final List<String> TRANSPORTS = List.of("polling", "websocket");

    /**
     * What a meter counts: a {@code COUNTER} only grows, a {@code GAUGE} goes up and down.
     */
    public enum Kind {
        /** Only grows (a total since the server started). */
        COUNTER,
        /** Goes up and down (a number right now). */
        GAUGE
    }

    /**
     * One meter: its name (dot-separated, such as {@code sio4ee.connections}), kind, tags and how to read it.
     * <pre>{@code new Meter("sio4ee.bytes.in", Kind.COUNTER, Map.of(), bytesIn::sum)}</pre>
     *
     * @param name  the name
     * @param kind  counter or gauge
     * @param tags  the tags, such as {@code namespace=/chat}
     * @param value reads the current value
     */
    public record Meter(String name, Kind kind, Map<String, String> tags, LongSupplier value) {
        /** Copies the tags. */
        public Meter {
            tags = Map.copyOf(tags);
        }
    }

    /**
     * A meter's value at one moment.
     * <pre>{@code new Sample("sio4ee.bytes.in", Kind.COUNTER, Map.of(), 42)}</pre>
     *
     * @param name  the meter's name
     * @param kind  counter or gauge
     * @param tags  its tags
     * @param value its value
     */
    public record Sample(String name, Kind kind, Map<String, String> tags, long value) {
    }

    /**
     * Where meters are registered (a metrics API's registry); called once per meter, on the thread that made it
     * appear: register only.
     * <pre>{@code Sink sink = meter -> registry.gauge(meter.name(), meter.value());}</pre>
     */
    @FunctionalInterface
    public interface Sink {
        /**
         * Registers a meter.
         * <pre>{@code sink.register(new Meter("sio4ee.packets.in", Kind.COUNTER, Map.of(), () -> 1));}</pre>
         *
         * @param meter the meter
         */
        void register(Meter meter);
    }

    private final SocketIoServer io;
    private final Map<String, Meter> meters = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final List<Sink> sinks = new CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** The counts of the engine's hooks, which run for every packet: no look-up there. */
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();

    private SocketIoMetrics(SocketIoServer io) {
        this.io = io;
    }

    /**
     * Starts counting on a server.
     * <pre>{@code SocketIoMetrics metrics = SocketIoMetrics.instrument(io, node::publishFailures);}</pre>
     *
     * @param io              the server
     * @param publishFailures the adapter's publish failures so far (a Redis adapter's), or null when the adapter
     *                        has no such count
     * @return the running counters
     */
    public static SocketIoMetrics instrument(SocketIoServer io, LongSupplier publishFailures) {
        Objects.requireNonNull(io, "io");
        SocketIoMetrics m = new SocketIoMetrics(io);
        m.counter("sio4ee.engine.connections", Map.of());
        for (CloseReason r : CloseReason.values()) {
            m.counter("sio4ee.engine.disconnections", Map.of("reason", r.text()));
        }
        m.add(new Meter("sio4ee.packets.in", Kind.COUNTER, Map.of(), m.packetsIn::sum));
        m.add(new Meter("sio4ee.packets.out", Kind.COUNTER, Map.of(), m.packetsOut::sum));
        m.add(new Meter("sio4ee.bytes.in", Kind.COUNTER, Map.of(), m.bytesIn::sum));
        m.add(new Meter("sio4ee.bytes.out", Kind.COUNTER, Map.of(), m.bytesOut::sum));
        m.add(new Meter("sio4ee.engine.clients", Kind.GAUGE, Map.of(),
                () -> io.engine() == null ? 0 : io.engine().clientsCount()));
        if (publishFailures != null) {
            m.add(new Meter("sio4ee.adapter.publish.failures", Kind.COUNTER, Map.of(), publishFailures));
        }
        io.namespaces().values().forEach(m::watch);
        io.onNewNamespace(nsp -> {
            if (!m.closed) {
                m.watch(nsp);
            }
        });
        io.addListener(m);
        if (io.engine() != null) {
            io.engine().addObserver(m);
        }
        return m;
    }

    /**
     * Hands every meter, now and as they appear, to a sink.
     * <pre>{@code metrics.bind(meter -> log(meter.name()));}</pre>
     *
     * @param sink the sink
     * @return this
     */
    public SocketIoMetrics bind(Sink sink) {
        sinks.add(sink);
        meters.values().forEach(meter -> register(sink, meter));
        return this;
    }

    /**
     * Every meter's value now, sorted by name and tags.
     * <pre>{@code metrics.samples().get(0).value()}</pre>
     *
     * @return the samples
     */
    public List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        for (Meter meter : meters.values()) {
            out.add(new Sample(meter.name(), meter.kind(), meter.tags(), meter.value().getAsLong()));
        }
        out.sort(Comparator.comparing(Sample::name).thenComparing(s -> new java.util.TreeMap<>(s.tags()).toString()));
        return out;
    }

    /**
     * Stops counting (the meters stay readable with their last values).
     * <pre>{@code metrics.close();}</pre>
     */
    @Override
    public void close() {
        closed = true;
        io.removeListener(this);
        if (io.engine() != null) {
            io.engine().removeObserver(this);
        }
    }

    /** A namespace's meters (every transport, every reason, zero to start with). */
    private void watch(Namespace nsp) {
        String name = nsp.name();
        if (meters.containsKey(key("sio4ee.connections", Map.of("namespace", name)))) {
            return;
        }
        for (String transport : TRANSPORTS) {
            add(new Meter("sio4ee.clients.connected", Kind.GAUGE, Map.of("namespace", name, "transport", transport),
                    () -> nsp.sockets().values().stream()
                            .filter(s -> transport.equals(s.client().transport())).count()));
        }
        for (DisconnectReason r : DisconnectReason.values()) {
            counter("sio4ee.disconnections", Map.of("namespace", name, "reason", r.text()));
        }
        counter("sio4ee.broadcasts", Map.of("namespace", name));
        counter("sio4ee.broadcast.recipients", Map.of("namespace", name));
        counter("sio4ee.ack.timeouts", Map.of("namespace", name));
        counter("sio4ee.connections", Map.of("namespace", name));
    }

    private void counter(String name, Map<String, String> tags) {
        LongAdder adder = counts.computeIfAbsent(key(name, tags), k -> new LongAdder());
        add(new Meter(name, Kind.COUNTER, tags, adder::sum));
    }

    private void add(Meter meter) {
        if (meters.putIfAbsent(key(meter.name(), meter.tags()), meter) == null) {
            sinks.forEach(sink -> register(sink, meter));
        }
    }

    private static void register(Sink sink, Meter meter) {
        try {
            sink.register(meter);
        } catch (RuntimeException e) {
            System.getLogger(SocketIoMetrics.class.getName()).log(System.Logger.Level.WARNING,
                    "sio4ee: cannot register the meter " + meter.name() + meter.tags(), e);
        }
    }

    private void count(String name, Map<String, String> tags, long n) {
        LongAdder adder = counts.get(key(name, tags));
        if (adder != null) {
            adder.add(n);
        }
    }

    private static String key(String name, Map<String, String> tags) {
        return name + new java.util.TreeMap<>(tags);
    }

    @Override
    public void onOpen(EngineSession session) {
        count("sio4ee.engine.connections", Map.of(), 1);
    }

    @Override
    public void onClose(EngineSession session, CloseReason reason) {
        count("sio4ee.engine.disconnections", Map.of("reason", reason.text()), 1);
    }

    @Override
    public void onPacketIn(EngineSession session, long bytes) {
        packetsIn.increment();
        bytesIn.add(bytes);
    }

    @Override
    public void onPacketOut(EngineSession session, long bytes) {
        packetsOut.increment();
        bytesOut.add(bytes);
    }

    @Override
    public void onConnected(Socket socket) {
        watch(socket.nsp());
        count("sio4ee.connections", Map.of("namespace", socket.nsp().name()), 1);
    }

    @Override
    public void onDisconnected(Socket socket, DisconnectReason reason, String description) {
        count("sio4ee.disconnections", Map.of("namespace", socket.nsp().name(), "reason", reason.text()), 1);
    }

    @Override
    public void onBroadcast(Namespace nsp, int sockets) {
        count("sio4ee.broadcasts", Map.of("namespace", nsp.name()), 1);
        count("sio4ee.broadcast.recipients", Map.of("namespace", nsp.name()), sockets);
    }

    @Override
    public void onAckTimeout(Namespace nsp) {
        count("sio4ee.ack.timeouts", Map.of("namespace", nsp.name()), 1);
    }
}
