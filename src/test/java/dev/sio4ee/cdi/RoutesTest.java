package dev.sio4ee.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RoutesTest {

    @Test
    void shouldResolveEachKeyOnce() {
        AtomicInteger calls = new AtomicInteger();
        Routes routes = new Routes((key, sample) -> {
            calls.incrementAndGet();
            return Routes.Route.NONE;
        });
        Routes.Key key = new Routes.Key(SocketConnected.class, "/chat", null);
        for (int i = 0; i < 10; i++) {
            assertThat(routes.route(key, () -> "sample").observed()).isFalse();
        }
        assertThat(calls.get()).isEqualTo(1);
    }

    @Test
    void shouldBoundTheCacheWhenClientsInventEventNames() {
        AtomicInteger calls = new AtomicInteger();
        Routes routes = new Routes((key, sample) -> {
            calls.incrementAndGet();
            return Routes.Route.NONE;
        });
        int n = Routes.MAX_CACHED + 500;
        for (int i = 0; i < n; i++) {
            routes.route(new Routes.Key(SocketEventReceived.class, "/", "e" + i), () -> "sample");
        }
        assertThat(routes.size()).isEqualTo(Routes.MAX_CACHED);
        assertThat(calls.get()).isEqualTo(n);
        // past the bound, keys are still resolved (correct), just not cached
        routes.route(new Routes.Key(SocketEventReceived.class, "/", "e" + (n - 1)), () -> "sample");
        assertThat(calls.get()).isEqualTo(n + 1);
    }
}
