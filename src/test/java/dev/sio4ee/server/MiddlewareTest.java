package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MiddlewareTest {
    private final Harness h = new Harness();

    @Test
    void shouldCallFunctionsInExpectedOrder() {
        List<Integer> order = new ArrayList<>();
        h.io.use((s, next) -> {
            order.add(1);
            next.proceed();
        });
        h.io.use((s, next) -> {
            order.add(2);
            next.proceed();
        });
        h.io.onConnection(s -> order.add(3));
        h.client().connect("/");
        assertThat(order).containsExactly(1, 2, 3);
    }

    @Test
    void shouldPassErrors() {
        List<String> log = new ArrayList<>();
        h.io.use((s, next) -> next.fail(new ConnectError("Authentication error")));
        h.io.use((s, next) -> log.add("second middleware"));
        h.io.onConnection(s -> log.add("connection"));
        RawClient c = h.client();
        c.send("0");
        assertThat(c.nextText()).isEqualTo("4{\"message\":\"Authentication error\"}");
        assertThat(log).isEmpty();
        assertThat(h.io.sockets().sockets()).isEmpty();
        assertThat(c.closed()).isFalse();
    }

    @Test
    void shouldPassAnObject() {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("a", "b");
        data.put("c", 3);
        h.io.use((s, next) -> next.fail(new ConnectError("Authentication error", data)));
        RawClient c = h.client();
        c.send("0");
        assertThat(c.nextText()).isEqualTo("4{\"message\":\"Authentication error\",\"data\":{\"a\":\"b\",\"c\":3}}");
    }

    @Test
    void shouldRefuseWithTheMessageOfAThrownException() {
        h.io.use((s, next) -> {
            throw new IllegalStateException("database down");
        });
        RawClient c = h.client();
        c.send("0");
        assertThat(c.nextText()).isEqualTo("4{\"message\":\"database down\"}");
    }

    @Test
    void shouldOnlyCallConnectionAfterLengthyFns() {
        AtomicReference<Middleware.Next> pending = new AtomicReference<>();
        List<String> log = new ArrayList<>();
        h.io.use((s, next) -> pending.set(next));
        h.io.onConnection(s -> log.add("connection"));
        RawClient c = h.client();
        c.send("0");
        assertThat(log).isEmpty();
        assertThat(c.poll()).isNull();
        Thread t = new Thread(() -> pending.get().proceed());
        t.start();
        try {
            t.join(1_000);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(log).containsExactly("connection");
        assertThat(c.nextText()).startsWith("0{\"sid\":");
    }

    @Test
    void shouldBeIgnoredIfSocketGetsClosed() {
        AtomicReference<Middleware.Next> pending = new AtomicReference<>();
        AtomicReference<Socket> socket = new AtomicReference<>();
        List<String> log = new ArrayList<>();
        h.io.use((s, next) -> {
            socket.set(s);
            s.join("early");
            pending.set(next);
        });
        h.io.onConnection(s -> log.add("connection"));
        RawClient c = h.client();
        c.send("0");
        c.close();
        pending.get().proceed();
        assertThat(log).isEmpty();
        assertThat(h.io.sockets().sockets()).isEmpty();
        assertThat(h.io.sockets().adapter().rooms()).isEmpty();
        assertThat(socket.get().connected()).isFalse();
    }

    @Test
    void shouldWorkWithACustomNamespace() {
        List<String> log = new ArrayList<>();
        h.io.use((s, next) -> next.fail(new ConnectError("main only")));
        h.io.of("/chat").use((s, next) -> {
            log.add("chat middleware");
            next.proceed();
        });
        RawClient c = h.client();
        c.connect("/chat");
        assertThat(log).containsExactly("chat middleware");
        c.send("0");
        assertThat(c.nextText()).isEqualTo("4{\"message\":\"main only\"}");
    }

    @Test
    void shouldOnlySetConnectedToTrueAfterTheMiddlewareExecution() {
        List<Boolean> states = new ArrayList<>();
        h.io.use((s, next) -> {
            states.add(s.connected());
            next.proceed();
        });
        h.io.onConnection(s -> states.add(s.connected()));
        h.client().connect("/");
        assertThat(states).containsExactly(false, true);
    }

    @Test
    void shouldLeaveEveryRoomAfterAMiddlewareFailure() {
        h.io.use((s, next) -> {
            s.join("room1");
            next.fail(new ConnectError("nope"));
        });
        RawClient c = h.client();
        c.send("0");
        assertThat(c.nextText()).startsWith("4{");
        assertThat(h.io.sockets().adapter().rooms()).isEmpty();
        assertThat(h.io.sockets().adapter().sids()).isEmpty();
    }

    @Test
    void shouldOnlyCountTheFirstCallOfNext() {
        List<String> log = new ArrayList<>();
        h.io.use((s, next) -> {
            next.proceed();
            next.fail(new ConnectError("too late"));
            next.proceed();
        });
        h.io.onConnection(s -> log.add("connection"));
        RawClient c = h.client();
        c.connect("/");
        assertThat(log).containsExactly("connection");
        assertThat(c.poll()).isNull();
    }
}
