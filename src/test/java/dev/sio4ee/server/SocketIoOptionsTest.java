package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio4ee.adapter.Adapter;
import dev.sio4ee.adapter.BroadcastFlags;
import dev.sio4ee.adapter.InMemoryAdapter;
import dev.sio4ee.engine.EngineOptions;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** One option style ({@code defaults().withX(...)}) and one validation for every option and timeout (issue 13). */
class SocketIoOptionsTest {

    @Test
    void shouldStartFromNodesDefaultsEngineOptionsIncluded() {
        SocketIoOptions o = SocketIoOptions.defaults();
        assertThat(o.engine()).isEqualTo(EngineOptions.defaults());
        assertThat(o.connectTimeout()).isEqualTo(45_000);
        assertThat(o.cleanupEmptyChildNamespaces()).isFalse();
        assertThat(o.maxAttachments()).isEqualTo(10);
        assertThat(o.connectionStateRecovery()).isNull();
        assertThat(o.adapter()).isSameAs(SocketIoOptions.DEFAULT_ADAPTER);
    }

    @Test
    void shouldChangeOneValueInEachCopyWithTheSameStyleAsTheEngineOptions() {
        Adapter.Factory adapter = InMemoryAdapter::new;
        SocketIoOptions o = SocketIoOptions.defaults().withConnectTimeout(1_000).withCleanupEmptyChildNamespaces(true)
                .withAdapter(adapter).withMaxAttachments(2)
                .withConnectionStateRecovery(ConnectionStateRecovery.defaults())
                .withEngine(e -> e.withPingInterval(3_000).withPath("/rt"));
        assertThat(o).isEqualTo(new SocketIoOptions(EngineOptions.defaults().withPingInterval(3_000).withPath("/rt/"),
                1_000, true, adapter, 2, ConnectionStateRecovery.defaults()));
        assertThat(o.withEngine(EngineOptions.defaults()).engine()).isEqualTo(EngineOptions.defaults());
    }

    @Test
    void shouldRefuseInvalidOptionsNamingThem() {
        assertThatThrownBy(() -> SocketIoOptions.defaults().withConnectTimeout(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("connectTimeout must be positive, got -1");
        assertThatThrownBy(() -> SocketIoOptions.defaults().withMaxAttachments(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttachments");
        assertThatThrownBy(() -> SocketIoOptions.defaults().withMaxAttachments(10_001))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttachments");
        assertThatThrownBy(() -> ConnectionStateRecovery.defaults().withMaxDisconnectionDuration(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxDisconnectionDuration must be positive, got -1");
        assertThatThrownBy(() -> SocketIoOptions.defaults().withEngine(e -> e.withPingTimeout(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pingTimeout must be positive, got -1");
    }

    @Test
    void shouldRefuseANegativeAckTimeoutWhereverItIsGiven() {
        Harness h = new Harness();
        AtomicReference<Socket> socket = new AtomicReference<>();
        h.io.onConnection(socket::set);
        h.client().connect("/");
        RemoteSocket remote = Harness.await(h.io.fetchSockets()).get(0);
        ThrowingCallable[] negative = {
            () -> socket.get().timeout(-1),
            () -> socket.get().asVolatile().timeout(-1),
            () -> h.io.timeout(-1),
            () -> h.io.of("/other").timeout(-1),
            () -> h.io.to("room").timeout(-1),
            () -> remote.timeout(-1),
            () -> BroadcastFlags.NONE.withTimeout(-1L),
        };
        for (ThrowingCallable call : negative) {
            assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("timeout must not be negative, got -1");
        }
        assertThat(socket.get().timeout(0).flags().timeout()).isZero();
        assertThat(h.io.timeout(0).options().flags().timeout()).isZero();
    }
}
