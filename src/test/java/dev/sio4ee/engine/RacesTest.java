package dev.sio4ee.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two requests of one session handled on two threads, where Node's single event loop has an order: every
 * interleaving is forced (latches inside the fake exchange hold one request at a chosen step) and must give the
 * same answer.
 */
class RacesTest {
    private static final String BAD_REQUEST = "{\"code\":3,\"message\":\"Bad request\"}";
    private static final String UNKNOWN_SID = "{\"code\":1,\"message\":\"Session ID unknown\"}";

    private final EngineFixture f = new EngineFixture();

    // ---- a long-polling GET and a POST carrying the client's CLOSE, sent at the same moment ----

    @Test
    void shouldEndAGetHandledBeforeTheClosePacketWithANoop() {
        String sid = f.handshake();
        FakeExchange poll = f.poll(sid);
        assertThat(f.post(sid, "1").bodyText()).isEqualTo("ok");
        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.bodyText()).isEqualTo("6");
    }

    @Test
    void shouldEndAGetThatArrivedBeforeTheClosePacketButRunsAfterItWithANoop() throws Exception {
        String sid = f.handshake();
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        // the GET arrives, its thread stops before it even looks the session up
        FakeExchange poll = FakeExchange.get(EngineFixture.POLLING + "&sid=" + sid).pauseAtDispatch(reached, go);
        CompletableFuture<Void> getThread = CompletableFuture.runAsync(() -> f.handle(poll));
        assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
        FakeExchange post = f.post(sid, "1"); // the POST's thread wins: the session is gone
        assertThat(f.server.clientsCount()).isZero();
        assertThat(post.completed()).as("no GET was waiting: the ok waits for the grace").isFalse();
        go.countDown();
        getThread.get(10, TimeUnit.SECONDS);
        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.bodyText()).isEqualTo("6");
        assertThat(f.events(sid).events()).containsExactly("close:TRANSPORT_CLOSE");
        f.clock.advance(EngineServer.CLIENT_CLOSE_GRACE);
        assertThat(post.bodyText()).isEqualTo("ok");
    }

    @Test
    void shouldEndAGetThatFoundTheSessionBeforeTheClosePacketWithANoop() throws Exception {
        String sid = f.handshake();
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        // the GET found the open session, then its thread stops before it takes the session's lock
        FakeExchange poll = new PausingGet(EngineFixture.POLLING + "&sid=" + sid, reached, go);
        CompletableFuture<Void> getThread = CompletableFuture.runAsync(() -> f.handle(poll));
        assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
        FakeExchange post = f.post(sid, "1");
        go.countDown();
        getThread.get(10, TimeUnit.SECONDS);
        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.bodyText()).isEqualTo("6");
        f.clock.advance(EngineServer.CLIENT_CLOSE_GRACE);
        assertThat(post.bodyText()).isEqualTo("ok");
    }

    @Test
    void shouldEndAGetThatArrivesDuringTheGraceBeforeTheOkWithANoop() {
        // a GET the client sent before it got the "ok" may reach its thread late on a busy server
        String sid = f.handshake();
        FakeExchange post = f.post(sid, "1");
        FakeExchange late = f.poll(sid);
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.bodyText()).isEqualTo("6");
        f.clock.advance(EngineServer.CLIENT_CLOSE_GRACE);
        assertThat(post.bodyText()).isEqualTo("ok");
    }

    @Test
    void shouldAnswerTheCloseAtOnceWhenAGetWasWaiting() {
        String sid = f.handshake();
        FakeExchange poll = f.poll(sid);
        assertThat(f.post(sid, "1").bodyText()).isEqualTo("ok");
        assertThat(poll.bodyText()).isEqualTo("6");
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void shouldRefuseAGetSentAfterTheClosePacketWasAnsweredAsNodeDoes() {
        String sid = f.handshake();
        FakeExchange post = f.post(sid, "1");
        f.clock.advance(EngineServer.CLIENT_CLOSE_GRACE);
        assertThat(post.bodyText()).isEqualTo("ok");
        FakeExchange later = f.poll(sid); // sent after the "ok": the session is unknown, as in Node
        assertThat(later.status()).isEqualTo(400);
        assertThat(later.bodyText()).isEqualTo(UNKNOWN_SID);
    }

    @Test
    void shouldNotTreatAPostOrAnotherSessionAsTheRacingGet() {
        String sid = f.handshake();
        String other = f.handshake();
        FakeExchange post = FakeExchange.post(EngineFixture.POLLING + "&sid=" + sid, "4late");
        FakeExchange otherGet = FakeExchange.get(EngineFixture.POLLING + "&sid=" + other);
        f.post(sid, "1");
        assertThat(f.handle(post).bodyText()).isEqualTo(UNKNOWN_SID);
        f.handle(otherGet);
        assertThat(otherGet.completed()).as("the other session's GET waits as usual").isFalse();
    }

    // ---- a GET sent right after the UPGRADE packet went over the WebSocket ----

    @Test
    void shouldRefuseAGetHandledAfterTheUpgradePacket() {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        ws.handler().onText("5");
        FakeExchange poll = f.poll(sid);
        assertThat(poll.status()).isEqualTo(400);
        assertThat(poll.bodyText()).isEqualTo(BAD_REQUEST);
    }

    @Test
    void shouldRefuseAGetHandledBeforeTheUpgradePacket() {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        f.clock.advance(60);
        FakeExchange poll = f.poll(sid); // the GET's thread ran first: it is pending during the upgrade
        f.clock.advance(40); // the upgrade check fires: the GET has not waited a whole interval, it stays
        assertThat(poll.completed()).isFalse();
        ws.handler().onText("5");
        assertThat(poll.status()).isEqualTo(400);
        assertThat(poll.bodyText()).isEqualTo(BAD_REQUEST);
    }

    @Test
    void shouldRefuseAGetThatFoundThePollingTransportBeforeTheUpgradePacket() throws Exception {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        FakeExchange poll = new PausingGet(EngineFixture.POLLING + "&sid=" + sid, reached, go);
        CompletableFuture<Void> getThread = CompletableFuture.runAsync(() -> f.handle(poll));
        assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
        ws.handler().onText("5"); // the WebSocket's thread switches the session meanwhile
        go.countDown();
        getThread.get(10, TimeUnit.SECONDS);
        assertThat(poll.status()).isEqualTo(400);
        assertThat(poll.bodyText()).isEqualTo(BAD_REQUEST);
        assertThat(f.session(sid).transport()).isEqualTo("websocket");
    }

    @Test
    void shouldStillReleaseAGetThatWaitedAWholeCheckIntervalWithANoop() {
        String sid = f.handshake();
        EngineFixture.Ws ws = f.probe(sid);
        FakeExchange poll = f.poll(sid);
        f.clock.advance(100);
        assertThat(poll.bodyText()).isEqualTo("6"); // so a real client can pause polling and upgrade
        ws.handler().onText("5");
        assertThat(f.session(sid).transport()).isEqualTo("websocket");
    }

    /**
     * A GET whose thread stops after the engine found its session and its polling transport (the second lookup
     * of {@code transport}), before the transport takes the session's lock.
     */
    private static final class PausingGet extends FakeExchange {
        private final CountDownLatch reached;
        private final CountDownLatch go;
        private int transportLookups;

        PausingGet(String query, CountDownLatch reached, CountDownLatch go) {
            super("GET", query);
            this.reached = reached;
            this.go = go;
        }

        @Override
        public String query(String name) {
            if ("transport".equals(name) && ++transportLookups == 2) {
                reached.countDown();
                try {
                    assertThat(go.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return super.query(name);
        }
    }
}
