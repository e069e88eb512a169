package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Packet middlewares ({@code socket.use}), named after socket.io's test/socket-middleware.ts. */
class SocketMiddlewareTest {
    private final Harness h = new Harness();

    @Test
    void shouldCallFunctions() {
        AtomicInteger run = new AtomicInteger();
        List<Object> wrapped = new ArrayList<>();
        h.io.onConnection(socket -> {
            socket.use((event, next) -> {
                assertThat(event.name()).isEqualTo("join");
                assertThat(event.args()).containsExactly("woot");
                event.rewrite("wrap", Args.of(event.name(), event.args().string(0))); // Node: event.unshift("wrap")
                run.incrementAndGet();
                next.proceed();
            });
            socket.use((event, next) -> {
                assertThat(event.name()).isEqualTo("wrap");
                assertThat(event.args()).containsExactly("join", "woot");
                run.incrementAndGet();
                next.proceed();
            });
            socket.on("wrap", (args, ack) -> {
                assertThat(run.get()).isEqualTo(2);
                wrapped.addAll(args);
            });
        });
        RawClient c = h.client();
        c.connect("/");
        c.send("2[\"join\",\"woot\"]");
        assertThat(wrapped).containsExactly("join", "woot");
    }

    @Test
    void shouldPassErrors() {
        List<String> log = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        h.io.onConnection(socket -> {
            socket.use((event, next) -> next.fail(new IllegalStateException("Authentication error")));
            socket.use((event, next) -> log.add("second middleware"));
            socket.on("join", (args, ack) -> log.add("handler"));
            socket.onError(errors::add);
        });
        h.io.addListener(new ServerListener() {
            @Override
            public void onEvent(Socket socket, String event, Args args, Ack ack) {
                log.add("server listener");
            }
        });
        RawClient c = h.client();
        c.connect("/");
        c.send("2[\"join\",\"woot\"]");
        assertThat(log).isEmpty();
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e).isInstanceOf(IllegalStateException.class);
            assertThat(e.getMessage()).isEqualTo("Authentication error");
        });
        assertThat(c.closed()).as("an error does not close the connection").isFalse();
    }

    @Test
    void shouldTreatAThrownExceptionAsAnError() {
        List<String> messages = new ArrayList<>();
        List<String> handled = new ArrayList<>();
        h.io.onConnection(socket -> {
            socket.use((event, next) -> {
                throw new IllegalArgumentException("bad " + event.name());
            });
            socket.on("e", (args, ack) -> handled.add("e"));
            socket.onError(e -> messages.add(e.getMessage()));
        });
        RawClient c = h.client();
        c.connect("/");
        c.send("2[\"e\"]");
        assertThat(messages).containsExactly("bad e");
        assertThat(handled).isEmpty();
    }

    @Test
    void shouldRunOnAnyListenersBeforeTheMiddlewaresAndKeepTheAck() {
        List<String> log = new ArrayList<>();
        h.io.onConnection(socket -> {
            socket.onAny((event, args) -> log.add("any " + event));
            socket.use((event, next) -> {
                log.add("middleware " + event.name());
                next.proceed();
            });
            socket.on("ping", (args, ack) -> {
                log.add("handler");
                ack.send("pong");
            });
        });
        RawClient c = h.client();
        c.connect("/");
        c.send("27[\"ping\"]");
        assertThat(log).containsExactly("any ping", "middleware ping", "handler");
        assertThat(c.nextText()).isEqualTo("37[\"pong\"]");
    }

    @Test
    void shouldDispatchWhenAMiddlewareProceedsLaterAndNotAfterDisconnection() {
        AtomicReference<PacketMiddleware.Next> pending = new AtomicReference<>();
        List<String> handled = new ArrayList<>();
        AtomicReference<Socket> server = new AtomicReference<>();
        h.io.onConnection(socket -> {
            server.set(socket);
            socket.use((event, next) -> pending.set(next));
            socket.on("e", (args, ack) -> handled.add(args.string(0)));
        });
        RawClient c = h.client();
        c.connect("/");
        c.send("2[\"e\",\"first\"]");
        assertThat(handled).isEmpty();
        pending.get().proceed();
        pending.get().proceed(); // only the first call counts
        assertThat(handled).containsExactly("first");

        c.send("2[\"e\",\"second\"]");
        server.get().disconnect();
        pending.get().proceed();
        assertThat(handled).as("ignored once the socket is disconnected").containsExactly("first");
    }
}
