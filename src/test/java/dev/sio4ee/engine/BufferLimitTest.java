package dev.sio4ee.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * maxBufferedBytes: a client that does not read costs at most that much. Past half of it the session is no
 * longer writable (volatile packets are dropped); past it the session closes with transport error, logged once
 * at INFO with the sid and the limit, and what waited for it is freed.
 */
class BufferLimitTest {
    private static final long LIMIT = 1_000;
    private final EngineFixture f = new EngineFixture(EngineOptions.defaults().withMaxBufferedBytes(LIMIT));
    private final Logger jul = Logger.getLogger(EngineSession.class.getName());
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logged) {
                logged.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        jul.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        jul.removeHandler(capture);
    }

    @Test
    void shouldRefuseAZeroOrNegativeLimit() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EngineOptions.defaults().withMaxBufferedBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBufferedBytes");
        assertThat(EngineOptions.defaults().maxBufferedBytes()).isEqualTo(4L << 20);
    }

    @Test
    void shouldDropVolatileFirstThenCloseAPollingClientThatDoesNotPoll() {
        String sid = f.handshake();
        EngineSession s = f.session(sid);
        s.send("x".repeat(399)); // 400 bytes waiting, no GET: a volatile packet would not leave now anyway
        assertThat(s.bufferedBytes()).isEqualTo(400);
        s.send("x".repeat(199)); // 600: past half the limit
        assertThat(s.isWritable()).isFalse();
        assertThat(s.isClosed()).isFalse();
        s.send("x".repeat(399)); // 1000: at the limit, still open
        assertThat(s.isClosed()).isFalse();
        s.send("y"); // 1002: past it
        assertThat(s.isClosed()).isTrue();
        assertThat(f.events(sid).events()).containsExactly("close:TRANSPORT_ERROR");
        assertThat(f.events(sid).closeDescription()).isEqualTo("send buffer above 1000 bytes");
        assertThat(s.bufferedBytes()).isZero();
        assertThat(f.server.clientsCount()).isZero();
        s.send("z".repeat(5_000)); // ignored once closed: nothing grows
        assertThat(s.bufferedBytes()).isZero();
        assertThat(overflowLines()).hasSize(1);
        assertThat(overflowLines().get(0).getMessage()).isNotNull();
        assertThat(overflowLines().get(0).getParameters()).contains(sid, "1000");
        assertThat(f.poll(sid).status()).as("the sid is gone").isEqualTo(400);
    }

    @Test
    void shouldNotCountWhatAPendingGetCarriesAway() {
        String sid = f.handshake();
        EngineSession s = f.session(sid);
        for (int i = 0; i < 10; i++) {
            FakeExchange poll = f.poll(sid);
            s.send("x".repeat(599));
            assertThat(poll.bodyText()).hasSize(600); // "4" and the text
        }
        assertThat(s.isClosed()).isFalse();
        assertThat(s.bufferedBytes()).isZero();
    }

    @Test
    void shouldDropVolatileFirstThenAbortAWebSocketClientThatStoppedReading() {
        EngineFixture.Ws ws = f.websocketHandshake();
        EngineSession s = f.session(ws.sid());
        assertThat(s.isWritable()).isTrue();
        ws.peer().bufferedBytes(501); // the peer's queue grew: the client does not read
        assertThat(s.isWritable()).as("volatile packets are dropped past half the limit").isFalse();
        s.send("x".repeat(400));
        assertThat(s.isClosed()).isFalse();
        ws.peer().bufferedBytes(1_001);
        s.send("more");
        assertThat(s.isClosed()).isTrue();
        assertThat(f.events(ws.sid()).closeReason()).isEqualTo(CloseReason.TRANSPORT_ERROR);
        assertThat(ws.peer().aborts()).as("the queue is dropped, not drained").containsExactly(1008);
        assertThat(ws.peer().closeReason()).isEqualTo("send buffer full");
        assertThat(overflowLines()).hasSize(1);
    }

    private List<LogRecord> overflowLines() {
        synchronized (logged) {
            return logged.stream().filter(r -> r.getLevel() == Level.INFO)
                    .filter(r -> r.getMessage().contains("maxBufferedBytes")).toList();
        }
    }
}
