package dev.sio4ee.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.engine.ManualScheduler;
import dev.sio4ee.protocol.Packet;
import jakarta.json.JsonString;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The offset log and the session store of {@link SessionAwareAdapter}, on a manual clock. */
class SessionAwareAdapterTest {
    private static final long WINDOW = 120_000;

    private final ManualScheduler clock = new ManualScheduler();
    private final InMemoryAdapterTest.FakeHost sockets = new InMemoryAdapterTest.FakeHost();
    private final AdapterHost host = new ClockHost(sockets, clock);
    private final SessionAwareAdapter adapter = new SessionAwareAdapter(host, WINDOW);

    {
        sockets.adapter = adapter;
    }

    private static String offsetOf(Packet p) {
        var data = p.data().asJsonArray();
        return ((JsonString) data.get(data.size() - 1)).getString();
    }

    private String broadcastAndGetOffset(InMemoryAdapterTest.FakeSocket s, String event, BroadcastOptions opts) {
        adapter.broadcast(Packet.event("/nsp", event, List.of("x")), opts);
        return offsetOf(s.packets.get(s.packets.size() - 1));
    }

    @Test
    void shouldAppendAnOffsetToEventsWithoutAckThatAreNotVolatile() {
        InMemoryAdapterTest.FakeSocket s = sockets.add("a");
        adapter.broadcast(Packet.event("/nsp", "e", List.of(1)), BroadcastOptions.ALL);
        adapter.broadcast(Packet.event("/nsp", "e", List.of(2)), BroadcastOptions.ALL);
        adapter.broadcast(Packet.event("/nsp", "v", List.of(3)),
                BroadcastOptions.ALL.withFlags(BroadcastFlags.NONE.withVolatile(true)));
        adapter.broadcast(Packet.event("/nsp", "ack", List.of(4)).withId(7), BroadcastOptions.ALL);
        assertThat(s.packets.get(0).data().asJsonArray()).hasSize(3);
        assertThat(offsetOf(s.packets.get(0))).isNotEqualTo(offsetOf(s.packets.get(1)));
        assertThat(s.packets.get(2).data().toString()).isEqualTo("[\"v\",3]");
        assertThat(s.packets.get(3).data().toString()).isEqualTo("[\"ack\",4]");
        assertThat(adapter.packetCount()).isEqualTo(2);
    }

    @Test
    void shouldReturnTheMissedPacketsOfTheSessionRoomsInOrder() {
        InMemoryAdapterTest.FakeSocket s = sockets.add("a", "room1");
        String offset = broadcastAndGetOffset(s, "seen", BroadcastOptions.ALL);
        adapter.persistSession(new Session("a", "pid-a", Set.of("a", "room1"), Map.of("k", "v"), List.of()));
        adapter.broadcast(Packet.event("/nsp", "all", null), BroadcastOptions.ALL);
        adapter.broadcast(Packet.event("/nsp", "other room", null), BroadcastOptions.rooms("room2"));
        adapter.broadcast(Packet.event("/nsp", "my room", null), BroadcastOptions.rooms("room1"));
        adapter.broadcast(Packet.event("/nsp", "excluded", null), BroadcastOptions.ALL.withExcept(Set.of("room1")));
        adapter.broadcast(Packet.event("/nsp", "direct", null), BroadcastOptions.rooms("a"));

        Session restored = adapter.restoreSession("pid-a", offset).toCompletableFuture().join();

        assertThat(restored.sid()).isEqualTo("a");
        assertThat(restored.rooms()).containsExactlyInAnyOrder("a", "room1");
        assertThat(restored.data()).containsEntry("k", "v");
        assertThat(restored.missedPackets()).extracting(p -> p.data().asJsonArray().getString(0))
                .containsExactly("all", "my room", "direct");
        assertThat(adapter.sessionCount()).as("a session is handed out once").isZero();
    }

    @Test
    void shouldNotRestoreWithAnUnknownOffsetOrPid() {
        InMemoryAdapterTest.FakeSocket s = sockets.add("a");
        String offset = broadcastAndGetOffset(s, "seen", BroadcastOptions.ALL);
        adapter.persistSession(new Session("a", "pid-a", Set.of("a"), Map.of(), List.of()));
        assertThat(adapter.restoreSession("pid-a", "not-an-offset").toCompletableFuture().join()).isNull();
        assertThat(adapter.restoreSession("pid-b", offset).toCompletableFuture().join()).isNull();
        assertThat(adapter.restoreSession("pid-a", offset).toCompletableFuture().join()).isNotNull();
    }

    @Test
    void shouldNotRestoreAnExpiredSessionEvenBeforeTheSweep() {
        InMemoryAdapterTest.FakeSocket s = sockets.add("a");
        String offset = broadcastAndGetOffset(s, "seen", BroadcastOptions.ALL);
        adapter.persistSession(new Session("a", "pid-a", Set.of("a"), Map.of(), List.of()));
        // the sweep runs every minute: 121 s after the disconnection the session expired, 1 s after the last sweep
        clock.advance(WINDOW + 1_000);
        assertThat(adapter.restoreSession("pid-a", offset).toCompletableFuture().join()).isNull();
    }

    @Test
    void shouldDropExpiredSessionsAndPacketsWithTheSharedScheduler() {
        InMemoryAdapterTest.FakeSocket s = sockets.add("a");
        broadcastAndGetOffset(s, "old", BroadcastOptions.ALL);
        adapter.persistSession(new Session("a", "pid-a", Set.of("a"), Map.of(), List.of()));
        clock.advance(60_000);
        broadcastAndGetOffset(s, "newer", BroadcastOptions.ALL);
        assertThat(clock.pending()).as("one sweep task for the adapter, none per socket").isEqualTo(1);
        assertThat(adapter.sessionCount()).isEqualTo(1);
        assertThat(adapter.packetCount()).isEqualTo(2);

        clock.advance(120_000); // t = 180 s: the session and the first packet are older than 120 s
        assertThat(adapter.sessionCount()).isZero();
        assertThat(adapter.packetCount()).isEqualTo(1);

        clock.advance(60_000); // t = 240 s: the second packet too
        assertThat(adapter.packetCount()).isZero();
        assertThat(clock.pending()).isEqualTo(1);
    }

    @Test
    void shouldStopSweepingWhenClosed() {
        adapter.close();
        assertThat(clock.pending()).isZero();
        clock.advance(3 * WINDOW);
        assertThat(clock.pending()).isZero();
    }

    @Test
    void shouldSweepAtLeastAsOftenAsTheWindow() {
        ManualScheduler c = new ManualScheduler();
        AdapterHost h = new ClockHost(new InMemoryAdapterTest.FakeHost(), c);
        SessionAwareAdapter quick = new SessionAwareAdapter(h, 5_000);
        quick.persistSession(new Session("a", "p", Set.of("a"), Map.of(), List.of()));
        assertThat(c.pendingDelays()).containsExactly(5_000L);
        c.advance(10_001);
        assertThat(quick.sessionCount()).isZero();
    }

    /** A host with fake sockets on a manual clock. */
    private record ClockHost(InMemoryAdapterTest.FakeHost sockets, ManualScheduler clock) implements AdapterHost {
        @Override
        public String name() {
            return sockets.name();
        }

        @Override
        public int nextAckId() {
            return sockets.nextAckId();
        }

        @Override
        public LocalSocket localSocket(String id) {
            return sockets.localSocket(id);
        }

        @Override
        public void onServerSideEmit(Packet packet, Consumer<List<?>> ack) {
        }

        @Override
        public long nowMillis() {
            return clock.nowMillis();
        }

        @Override
        public Runnable schedule(Runnable task, long delayMillis) {
            return clock.schedule(task, delayMillis)::cancel;
        }
    }
}
