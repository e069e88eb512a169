package dev.sio4ee.jakarta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.engine.EngineScheduler;
import jakarta.websocket.CloseReason;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Where SessionPeer closes a WebSocket: on the thread that reads its frames, at once when asked there, else after
 * a ping, when the pong arrives on the reading thread, or after a wait without one (a JSR-356 session faked with
 * proxies that record what is called, and on which thread).
 */
class SessionPeerCloseTest {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Thread> closingThreads = new CopyOnWriteArrayList<>();
    final List<Runnable> timers = new ArrayList<>();
    final List<Boolean> cancelled = new ArrayList<>();
    boolean open = true;
    /** What the next sendText reports: null for success. */
    Throwable sendFailure;

    final EngineScheduler scheduler = new EngineScheduler() {
        @Override
        public Cancellable schedule(Runnable task, long delayMillis) {
            assertThat(delayMillis).isEqualTo(SessionPeer.PONG_WAIT_MILLIS);
            int i = timers.size();
            timers.add(task);
            cancelled.add(false);
            return () -> cancelled.set(i, true);
        }

        @Override
        public long nowMillis() {
            return 0;
        }
    };

    SessionPeer peer() {
        RemoteEndpoint.Async remote = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RemoteEndpoint.Async.class}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    if (method.getName().equals("sendText")) {
                        ((SendHandler) args[1]).onResult(sendFailure == null ? new SendResult()
                                : new SendResult(sendFailure));
                    }
                    return null;
                });
        Session session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> URI.create("/socket.io/");
                    case "getQueryString" -> "EIO=4&transport=websocket";
                    case "isSecure" -> false;
                    case "isOpen" -> open;
                    case "getAsyncRemote" -> remote;
                    case "close" -> {
                        calls.add("close " + ((CloseReason) args[0]).getCloseCode().getCode());
                        closingThreads.add(Thread.currentThread());
                        open = false;
                        yield null;
                    }
                    default -> null;
                });
        return new SessionPeer(session, Map.of(), "127.0.0.1", null, null, scheduler);
    }

    @Test
    void shouldCloseAtOnceWhenAskedOnTheReadingThread() {
        SessionPeer peer = peer();
        peer.reading(() -> peer.close(1000, ""));
        assertThat(calls).containsExactly("close 1000");
        assertThat(timers).isEmpty();
    }

    @Test
    void shouldPingAndCloseOnThePongWhenAskedOnAnotherThread() {
        SessionPeer peer = peer();
        peer.sendText("4last words");
        peer.flush();
        peer.close(1000, "");
        assertThat(calls).containsExactly("sendText", "sendPing");
        peer.onPong();
        assertThat(calls).containsExactly("sendText", "sendPing", "close 1000");
        assertThat(cancelled).containsExactly(true);
        timers.get(0).run(); // a late timer closes nothing twice
        assertThat(calls).containsExactly("sendText", "sendPing", "close 1000");
    }

    @Test
    void shouldCloseAfterTheWaitWhenNoPongComes() {
        SessionPeer peer = peer();
        peer.close(4000, "bye");
        assertThat(calls).containsExactly("sendPing");
        timers.get(0).run();
        assertThat(calls).containsExactly("sendPing", "close 4000");
    }

    @Test
    void shouldIgnoreAPongWhenNotClosing() {
        SessionPeer peer = peer();
        peer.onPong();
        assertThat(calls).isEmpty();
    }

    @Test
    void shouldAbortAtOnceOnAnyThread() {
        SessionPeer peer = peer();
        peer.abort(1009, "too far behind");
        assertThat(calls).containsExactly("close 1009");
        assertThat(closingThreads).containsExactly(Thread.currentThread());
    }

    @Test
    void shouldLogAClientThatWentAwayBelowWarningAndOtherWriteFailuresAsWarnings() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(SessionPeer.class.getName());
        List<java.util.logging.LogRecord> records = new CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        try {
            sendFailure = new java.io.IOException("Connection is closed");
            SessionPeer gone = peer();
            gone.sendText("4x");
            gone.flush();
            assertThat(calls).containsExactly("sendText", "close 1011");
            sendFailure = new IllegalStateException("The connection has been closed.");
            open = false; // how Tyrus refuses a send on a connection the client closed
            SessionPeer closed = peer();
            closed.sendText("4x");
            closed.flush();
            assertThat(records).noneMatch(r -> r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue());

            sendFailure = new IllegalStateException("a bug (thrown on purpose by the test)");
            open = true;
            SessionPeer broken = peer();
            broken.sendText("4x");
            broken.flush();
            assertThat(records).anyMatch(r -> r.getLevel() == java.util.logging.Level.WARNING
                    && String.valueOf(r.getParameters()[0]).contains("on purpose"));
        } finally {
            jul.removeHandler(handler);
        }
    }
}
