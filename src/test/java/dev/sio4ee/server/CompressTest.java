package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.Adapter;
import dev.sio4ee.adapter.BroadcastOptions;
import dev.sio4ee.adapter.InMemoryAdapter;
import dev.sio4ee.protocol.Packet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The compress flag (socket.io's {@code socket.compress(bool)} and {@code io.compress(bool)}): it reaches the
 * adapter; the frames on the wire are the same either way, as sio4ee's transports never compress per packet.
 */
class CompressTest {
    private final List<Boolean> seen = new ArrayList<>();
    private final Adapter.Factory recording = host -> new InMemoryAdapter(host) {
        @Override
        public void broadcast(Packet packet, BroadcastOptions opts) {
            seen.add(opts.flags().compress());
            super.broadcast(packet, opts);
        }
    };

    @Test
    void shouldCarryTheCompressFlagOfABroadcastToTheAdapter() {
        Harness h = new Harness(SocketIoOptions.defaults().withAdapter(recording));
        RawClient c = h.client();
        c.connect("/");
        h.io.emit("a");
        h.io.to("an empty room").compress(false).emit("b");
        h.io.compress(false).emit("c");
        assertThat(seen).containsExactly(true, false, false);
        assertThat(c.drain()).containsExactly("2[\"a\"]", "2[\"c\"]");
    }

    @Test
    void shouldSendTheSameFramesWhateverTheCompressFlag() {
        Harness h = new Harness();
        h.io.onConnection(s -> {
            s.compress(false).emit("hello", "world", new byte[] {1});
            s.compress(true).emit("hello", "world", new byte[] {1});
            s.emit("hello", "world", new byte[] {1});
        });
        RawClient c = h.client();
        c.connect("/");
        List<Object> frames = c.drain();
        assertThat(frames).hasSize(6);
        for (int i = 0; i < 6; i += 2) {
            assertThat(frames.get(i)).isEqualTo("51-[\"hello\",\"world\",{\"_placeholder\":true,\"num\":0}]");
            assertThat((byte[]) frames.get(i + 1)).containsExactly(1);
        }
    }

    @Test
    void shouldCarryTheCompressFlagOfASocketEmitToTheAdapterWithRecovery() {
        Harness h = new Harness(SocketIoOptions.defaults().withAdapter(recording)
                .withConnectionStateRecovery(ConnectionStateRecovery.defaults()));
        h.io.onConnection(s -> {
            s.compress(false).emit("x");
            s.timeout(1_000).compress(false).emit("y");
            s.emit("z");
        });
        RawClient c = h.client();
        c.send("0");
        assertThat(seen).containsExactly(false, false, true);
        assertThat(new Harness().io.sockets().compress(false).options().flags().compress()).isFalse();
    }

    @Test
    void shouldExposeTheFlagsOfAnEmitter() {
        Harness h = new Harness();
        h.io.onConnection(s -> {
            assertThat(s.compress(false).flags().compress()).isFalse();
            assertThat(s.asVolatile().compress(false).flags().isVolatile()).isTrue();
            assertThat(s.timeout(5).flags().timeout()).isEqualTo(5L);
            seen.add(true);
        });
        h.client().connect("/");
        assertThat(seen).containsExactly(true);
    }
}
