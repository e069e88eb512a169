package dev.sio4ee.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.server.DisconnectReason;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event bridge against a real server, with the CDI container replaced by a recording resolver. */
class SocketEventsTest {
    private final Wire wire = new Wire();
    private final Jsonb jsonb = JsonbBuilder.create();
    private final List<String> fired = Collections.synchronizedList(new ArrayList<>());
    private final List<Routes.Key> resolved = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger arounds = new AtomicInteger();
    private Function<Routes.Key, Routes.Route> routing = key -> Routes.Route.NONE;

    @AfterEach
    void close() throws Exception {
        jsonb.close();
    }

    private void bridge() {
        wire.io.of("/chat");
        Routes routes = new Routes((key, sample) -> {
            assertThat(sample).isInstanceOf(key.type());
            resolved.add(key);
            return routing.apply(key);
        });
        wire.io.addListener(new SocketEvents(routes, jsonb, call -> {
            arounds.incrementAndGet();
            call.run();
        }));
    }

    /** A route whose target records what it fires, sync as "type", async as "async type". */
    private Routes.Route recording(boolean sync, boolean async, Function<Object, String> describe) {
        return new Routes.Route(sync, async, new Routes.Target() {
            @Override
            public void fire(Object event) {
                fired.add(describe.apply(event));
            }

            @Override
            public CompletionStage<?> fireAsync(Object event) {
                fired.add("async " + describe.apply(event));
                return CompletableFuture.completedFuture(event);
            }
        });
    }

    private static String describe(Object e) {
        if (e instanceof SocketConnected c) {
            return "connected " + c.socket().nsp().name();
        }
        if (e instanceof SocketEventReceived r) {
            return "event " + r.event() + " " + r.args().json();
        }
        if (e instanceof SocketDisconnecting d) {
            return "disconnecting " + d.reason().text() + " rooms " + d.socket().rooms().size();
        }
        SocketDisconnected d = (SocketDisconnected) e;
        return "disconnected " + d.reason().text() + " rooms " + d.socket().rooms().size();
    }

    @Test
    void shouldFireNothingAndResolveOnceWhenNobodyObserves() {
        bridge();
        Wire.Client c = wire.client(null);
        c.join("/chat");
        for (int i = 0; i < 5; i++) {
            c.send("2/chat,[\"msg\"," + i + "]");
        }
        assertThat(fired).isEmpty();
        assertThat(arounds.get()).isZero();
        assertThat(resolved).containsExactly(new Routes.Key(SocketConnected.class, "/chat", null),
                new Routes.Key(SocketEventReceived.class, "/chat", "msg"));
    }

    @Test
    void shouldFireConnectedEventsDisconnectingDisconnectedInOrder() {
        routing = key -> recording(true, false, SocketEventsTest::describe);
        bridge();
        Wire.Client c = wire.client(null);
        c.join("/chat");
        c.send("2/chat,[\"a\",1]").send("2/chat,[\"b\",{\"x\":2}]").send("2/chat,[\"a\",3]");
        c.send("1/chat,");
        assertThat(fired).containsExactly("connected /chat", "event a [1]", "event b [{\"x\":2}]", "event a [3]",
                "disconnecting client namespace disconnect rooms 1", "disconnected client namespace disconnect rooms 0");
        assertThat(resolved).containsExactly(new Routes.Key(SocketConnected.class, "/chat", null),
                new Routes.Key(SocketEventReceived.class, "/chat", "a"),
                new Routes.Key(SocketEventReceived.class, "/chat", "b"),
                new Routes.Key(SocketDisconnecting.class, "/chat", null),
                new Routes.Key(SocketDisconnected.class, "/chat", null));
    }

    @Test
    void shouldFireAsyncOnlyWhereAsyncObserversExist() {
        routing = key -> key.type() == SocketEventReceived.class
                ? recording(false, true, SocketEventsTest::describe)
                : recording(true, false, SocketEventsTest::describe);
        bridge();
        Wire.Client c = wire.client(null);
        c.join("/");
        c.send("2[\"hello\",\"world\"]");
        assertThat(fired).containsExactly("connected /", "async event hello [\"world\"]");
    }

    @Test
    void shouldUseTheNameOfADynamicChildAsQualifier() {
        wire.io.of(Pattern.compile("^/dyn-\\d+$"));
        routing = key -> recording(true, false, SocketEventsTest::describe);
        bridge();
        wire.client(null).join("/dyn-42");
        assertThat(fired).containsExactly("connected /dyn-42");
        assertThat(resolved).containsExactly(new Routes.Key(SocketConnected.class, "/dyn-42", null));
    }

    @Test
    void shouldKeepTheConnectionWhenAnObserverThrows() {
        routing = key -> new Routes.Route(true, true, new Routes.Target() {
            @Override
            public void fire(Object event) {
                fired.add(describe(event));
                throw new IllegalStateException("observer failure on purpose");
            }

            @Override
            public CompletionStage<?> fireAsync(Object event) {
                return CompletableFuture.failedFuture(new IllegalStateException("async failure on purpose"));
            }
        });
        bridge();
        Wire.Client c = wire.client(null);
        String id = c.join("/");
        c.send("2[\"one\",1]").send("2[\"two\",2]");
        assertThat(fired).containsExactly("connected /", "event one [1]", "event two [2]");
        assertThat(wire.io.sockets().sockets().get(id).connected()).isTrue();
        assertThat(c.peer.closed()).isFalse();
    }

    @Test
    void shouldAckOnceAndMapArgumentsWithJsonb() {
        List<Object> answers = new ArrayList<>();
        routing = key -> new Routes.Route(true, false, new Routes.Target() {
            @Override
            public void fire(Object event) {
                if (event instanceof SocketEventReceived e) {
                    Pair p = e.arg(0, Pair.class);
                    answers.add(e.ack().requested());
                    answers.add(e.ack().send(p.a + p.b));
                    answers.add(e.ack().send("again"));
                }
            }

            @Override
            public CompletionStage<?> fireAsync(Object event) {
                throw new AssertionError("no async observer");
            }
        });
        bridge();
        Wire.Client c = wire.client(null);
        c.join("/");
        c.send("27[\"sum\",{\"a\":2,\"b\":40}]");
        assertThat(answers).containsExactly(true, true, false);
        assertThat(c.drain()).containsExactly("37[42]");
    }

    @Test
    void shouldMapAMissingArgumentToNullAndEchoTheArgumentsAsReceived() {
        List<Object> seen = new ArrayList<>();
        routing = key -> new Routes.Route(true, false, new Routes.Target() {
            @Override
            public void fire(Object event) {
                if (event instanceof SocketEventReceived e) {
                    seen.add(e.arg(1, Pair.class) == null);
                    seen.add(e.bytes(3) == null);
                    seen.add(e.toString().contains("\"echo\""));
                    e.ack().send(e.args());
                }
            }

            @Override
            public CompletionStage<?> fireAsync(Object event) {
                throw new AssertionError("no async observer");
            }
        });
        bridge();
        Wire.Client c = wire.client(null);
        c.join("/");
        c.send("24[\"echo\",{\"a\":1,\"b\":[2]}]");
        assertThat(seen).containsExactly(true, true, true);
        assertThat(c.drain()).containsExactly("34[{\"a\":1,\"b\":[2]}]");
    }

    @Test
    void shouldFireDisconnectionWhenTheServerCloses() {
        routing = key -> recording(true, false, SocketEventsTest::describe);
        bridge();
        wire.client(null).join("/");
        wire.io.close();
        assertThat(fired).containsExactly("connected /", "disconnecting server shutting down rooms 1",
                "disconnected server shutting down rooms 0");
        assertThat(DisconnectReason.SERVER_SHUTTING_DOWN.text()).isEqualTo("server shutting down");
    }

    /** A value for JSON-B. */
    public static class Pair {
        public int a;
        public int b;
    }
}
