package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.admin.SocketIoMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The monitoring counters, counted from the engine's and the server's hooks of a real server on fake sockets. */
class SocketIoMetricsTest {
    private final Harness h = new Harness();
    private final AtomicLong publishFailures = new AtomicLong();
    private final SocketIoMetrics metrics = SocketIoMetrics.instrument(h.io, publishFailures::get);

    private long value(String name, Map<String, String> tags) {
        return metrics.samples().stream().filter(s -> s.name().equals(name) && s.tags().equals(tags))
                .mapToLong(SocketIoMetrics.Sample::value).findFirst()
                .orElseThrow(() -> new AssertionError("no meter " + name + tags + " in " + metrics.samples()));
    }

    @Test
    void shouldCountClientsPerNamespaceAndTransportAndDisconnectionsByReason() {
        h.io.of("/chat");
        RawClient a = h.client();
        a.connect("/");
        RawClient b = h.client();
        b.connect("/");
        b.connect("/chat");
        assertThat(value("sio4ee.clients.connected", Map.of("namespace", "/", "transport", "websocket"))).isEqualTo(2);
        assertThat(value("sio4ee.clients.connected", Map.of("namespace", "/", "transport", "polling"))).isZero();
        assertThat(value("sio4ee.clients.connected", Map.of("namespace", "/chat", "transport", "websocket")))
                .isEqualTo(1);
        assertThat(value("sio4ee.connections", Map.of("namespace", "/"))).isEqualTo(2);
        assertThat(value("sio4ee.engine.connections", Map.of())).isEqualTo(2);
        assertThat(value("sio4ee.engine.clients", Map.of())).isEqualTo(2);

        b.send("1/chat,");
        b.close();
        assertThat(value("sio4ee.clients.connected", Map.of("namespace", "/", "transport", "websocket"))).isEqualTo(1);
        assertThat(value("sio4ee.disconnections", Map.of("namespace", "/chat", "reason", "client namespace disconnect")))
                .isEqualTo(1);
        assertThat(value("sio4ee.disconnections", Map.of("namespace", "/", "reason", "transport close")))
                .isEqualTo(1);
        assertThat(value("sio4ee.engine.disconnections", Map.of("reason", "transport close"))).isEqualTo(1);
    }

    @Test
    void shouldCountPacketsBytesBroadcastFanOutAndAckTimeouts() {
        AtomicReference<Socket> socket = new AtomicReference<>();
        h.io.onConnection(socket::set);
        RawClient a = h.client();
        a.connect("/");
        h.client().connect("/");
        long packetsOut = value("sio4ee.packets.out", Map.of());
        long bytesOut = value("sio4ee.bytes.out", Map.of());
        h.io.emit("news", "hello");
        assertThat(value("sio4ee.broadcasts", Map.of("namespace", "/"))).isEqualTo(1);
        assertThat(value("sio4ee.broadcast.recipients", Map.of("namespace", "/"))).isEqualTo(2);
        assertThat(value("sio4ee.packets.out", Map.of())).isEqualTo(packetsOut + 2);
        assertThat(value("sio4ee.bytes.out", Map.of())).isEqualTo(bytesOut + 2 * "2[\"news\",\"hello\"]".length());

        long bytesIn = value("sio4ee.bytes.in", Map.of());
        a.send("2[\"ping\"]");
        assertThat(value("sio4ee.bytes.in", Map.of())).isEqualTo(bytesIn + "2[\"ping\"]".length());

        socket.get().timeout(50).emitWithAck("question");
        h.io.timeout(50).emitWithAck("everyone");
        assertThat(value("sio4ee.ack.timeouts", Map.of("namespace", "/"))).isZero();
        h.clock.advance(50);
        assertThat(value("sio4ee.ack.timeouts", Map.of("namespace", "/"))).isEqualTo(2);

        publishFailures.set(3);
        assertThat(value("sio4ee.adapter.publish.failures", Map.of())).isEqualTo(3);
    }

    @Test
    void shouldHandEveryMeterToASinkOnceAndNewNamespacesAsTheyAppear() {
        List<String> registered = new ArrayList<>();
        metrics.bind(m -> registered.add(m.name() + m.tags()));
        int before = registered.size();
        assertThat(registered).contains("sio4ee.packets.in{}", "sio4ee.connections{namespace=/}");
        h.client().connect("/");
        assertThat(registered).hasSize(before);
        h.io.of("/late");
        assertThat(registered).hasSizeGreaterThan(before).contains("sio4ee.connections{namespace=/late}");
        assertThat(registered).doesNotHaveDuplicates();
        metrics.close();
        h.client().connect("/");
        assertThat(value("sio4ee.connections", Map.of("namespace", "/"))).isEqualTo(1);
    }
}
