package dev.sio4ee.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.engine.parser.EnginePacket;
import dev.sio4ee.engine.parser.EnginePacketType;
import dev.sio4ee.engine.parser.EngineParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HTTP long-polling: held GETs, POSTed packets, overlaps, aborts and closes. */
class PollingTest {
    private final EngineFixture f = new EngineFixture();

    @Test
    void shouldHoldAGetUntilDataIsSent() {
        String sid = f.handshake();
        FakeExchange poll = f.poll(sid);
        assertThat(poll.completed()).isFalse();
        assertThat(f.session(sid).isWritable()).isTrue();

        f.session(sid).send("hello");
        assertThat(poll.completed()).isTrue();
        assertThat(poll.status()).isEqualTo(200);
        assertThat(poll.responseHeader("Content-Type")).isEqualTo("text/plain; charset=UTF-8");
        assertThat(poll.bodyText()).isEqualTo("4hello");
        assertThat(poll.respondCalls()).isEqualTo(1);
        assertThat(f.session(sid).isWritable()).isFalse();
    }

    @Test
    void shouldSendAllBufferedPacketsInOnePayload() {
        String sid = f.handshake();
        EngineSession s = f.session(sid);
        s.send("test1");
        s.send("test2");
        s.send(List.of(EnginePacket.message("test3"), EnginePacket.message(new byte[] {1, 2, 3, 4})));
        assertThat(f.poll(sid).bodyText()).isEqualTo("4test1\u001e4test2\u001e4test3\u001ebAQIDBA==");
        assertThat(f.poll(sid).completed()).isFalse();
    }

    @Test
    void shouldDeliverThePostedPacketsAndAnswerOk() {
        String sid = f.handshake();
        FakeExchange post = f.post(sid, "4test1\u001e4test2\u001e4test3");
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.responseHeader("Content-Type")).isEqualTo("text/html");
        assertThat(post.bodyText()).isEqualTo("ok");
        assertThat(f.events(sid).events()).containsExactly("message:test1", "message:test2", "message:test3");
    }

    @Test
    void shouldCarryBinaryMessagesAsBase64BothWays() {
        String sid = f.handshake();
        f.post(sid, "4hello\u001ebAQIDBA==");
        assertThat(f.events(sid).events()).containsExactly("message:hello", "binary:[1, 2, 3, 4]");

        f.session(sid).send(new byte[] {1, 2, 3, 4});
        f.session(sid).send("h\u00e9llo \ud83d\ude00");
        assertThat(f.poll(sid).bodyText()).isEqualTo("bAQIDBA==\u001e4h\u00e9llo \ud83d\ude00");
    }

    @Test
    void shouldAcceptPostsWhateverTheirContentType() {
        String sid = f.handshake();
        for (String type : List.of("text/plain;charset=UTF-8", "application/octet-stream")) {
            FakeExchange post = f.handle(FakeExchange.post(EngineFixture.POLLING + "&sid=" + sid, "4" + type)
                    .header("Content-Type", type));
            assertThat(post.bodyText()).isEqualTo("ok");
        }
        assertThat(f.events(sid).events())
                .containsExactly("message:text/plain;charset=UTF-8", "message:application/octet-stream");
    }

    @Test
    void shouldCloseTheSessionOnASecondConcurrentGet() {
        String sid = f.handshake();
        FakeExchange first = f.poll(sid);
        FakeExchange second = f.poll(sid);

        assertThat(second.status()).isEqualTo(400);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.bodyText()).isEqualTo("1");
        assertThat(first.respondCalls()).isEqualTo(1);
        assertThat(second.respondCalls()).isEqualTo(1);
        assertThat(f.events(sid).closeReason()).isEqualTo(CloseReason.TRANSPORT_ERROR);
        assertThat(f.server.clientsCount()).isZero();
        assertThat(f.poll(sid).status()).isEqualTo(400);
    }

    @Test
    void shouldCloseTheSessionOnAnOverlappingPost() {
        String sid = f.handshake();
        FakeExchange[] inner = new FakeExchange[1];
        FakeExchange outer = FakeExchange.post(EngineFixture.POLLING + "&sid=" + sid, "4a")
                .whileReading(() -> inner[0] = f.post(sid, "4b"));
        f.handle(outer);
        assertThat(inner[0].status()).isEqualTo(400);
        assertThat(f.events(sid).closeReason()).isEqualTo(CloseReason.TRANSPORT_ERROR);
        assertThat(f.events(sid).events()).doesNotContain("message:b");
        assertThat(f.server.clientsCount()).isZero();
        assertThat(outer.completed()).isTrue();
    }

    @Test
    void shouldCloseTheSessionWhenThePendingGetIsAborted() {
        String sid = f.handshake();
        FakeExchange poll = f.poll(sid);
        poll.abort();
        assertThat(f.events(sid).closeReason()).isEqualTo(CloseReason.TRANSPORT_ERROR);
        assertThat(f.events(sid).closeDescription()).isEqualTo("poll connection closed prematurely");
        assertThat(f.server.clientsCount()).isZero();
        assertThat(poll.completed()).isFalse();
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void shouldIgnoreTheAbortOfAnAnsweredGet() {
        String sid = f.handshake();
        FakeExchange poll = f.poll(sid);
        f.session(sid).send("x");
        poll.abort();
        assertThat(f.server.clientsCount()).isEqualTo(1);
    }

    @Test
    void shouldCloseWithTransportCloseOnAClosePacketAndReleaseTheGetWithANoop() {
        String sid = f.handshake();
        FakeExchange poll = f.poll(sid);
        FakeExchange post = f.post(sid, "1");
        assertThat(post.status()).isEqualTo(200);
        assertThat(post.bodyText()).isEqualTo("ok");
        assertThat(poll.bodyText()).isEqualTo("6");
        assertThat(poll.respondCalls()).isEqualTo(1);
        assertThat(f.events(sid).events()).containsExactly("close:TRANSPORT_CLOSE");
        assertThat(f.server.clientsCount()).isZero();
        assertThat(f.poll(sid).status()).isEqualTo(400);
    }

    @Test
    void shouldDeliverThePacketsBeforeAClosePacketAndDropThoseAfter() {
        String sid = f.handshake();
        f.post(sid, "4a\u001e1\u001e4b");
        assertThat(f.events(sid).events()).containsExactly("message:a", "close:TRANSPORT_CLOSE");
    }

    @Test
    void shouldAnswerAPendingGetWithAClosePacketOnServerClose() {
        String sid = f.handshake();
        FakeExchange poll = f.poll(sid);
        f.server.close();
        assertThat(poll.bodyText()).isEqualTo("1");
        assertThat(poll.respondCalls()).isEqualTo(1);
        assertThat(f.events(sid).events()).containsExactly("close:FORCED_CLOSE");
        assertThat(f.server.clientsCount()).isZero();
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void shouldDeliverTheClosePacketOnTheNextGetAfterServerClose() {
        String sid = f.handshake();
        f.server.close();
        assertThat(f.events(sid).events()).isEmpty();
        f.session(sid).send("ignored once closing");

        FakeExchange poll = f.poll(sid);
        assertThat(poll.status()).isEqualTo(200);
        List<EnginePacket> packets = decode(poll);
        assertThat(packets).last().isEqualTo(EnginePacket.CLOSE);
        assertThat(packets).allMatch(p -> p.type() != EnginePacketType.MESSAGE);
        assertThat(f.events(sid).events()).containsExactly("close:FORCED_CLOSE");
        assertThat(f.server.clientsCount()).isZero();
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void shouldGiveUpWaitingForTheNextGetAfterTheCloseTimeout() {
        String sid = f.handshake();
        f.session(sid).close();
        f.clock.advance(PollingTransport.CLOSE_TIMEOUT - 1);
        assertThat(f.server.clientsCount()).isEqualTo(1);
        f.clock.advance(1);
        assertThat(f.events(sid).events()).containsExactly("close:FORCED_CLOSE");
        assertThat(f.server.clientsCount()).isZero();
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void shouldFlushTheBufferBeforeClosing() {
        String sid = f.handshake();
        EngineSession s = f.session(sid);
        s.send("bye");
        s.close();
        s.send("too late");
        assertThat(f.poll(sid).bodyText()).isEqualTo("4bye");
        assertThat(f.server.clientsCount()).isEqualTo(1);
        assertThat(decode(f.poll(sid))).last().isEqualTo(EnginePacket.CLOSE);
        assertThat(f.events(sid).events()).containsExactly("close:FORCED_CLOSE");
        assertThat(f.clock.pending()).isZero();
    }

    @Test
    void shouldIgnorePacketsPostedWhileClosing() {
        String sid = f.handshake();
        f.session(sid).close();
        assertThat(f.post(sid, "4late").status()).isEqualTo(200);
        assertThat(f.events(sid).events()).isEmpty();
    }

    @Test
    void shouldIgnoreSendsAfterClose() {
        String sid = f.handshake();
        EngineSession s = f.session(sid);
        FakeExchange poll = f.poll(sid);
        s.close(CloseReason.FORCED_CLOSE, "test");
        assertThat(poll.bodyText()).isEqualTo("1");
        s.send("nobody hears");
        s.close();
        assertThat(s.isClosed()).isTrue();
        assertThat(s.isWritable()).isFalse();
        assertThat(f.events(sid).closeCount()).isEqualTo(1);
    }

    private static List<EnginePacket> decode(FakeExchange e) {
        try {
            return EngineParser.decodePayload(e.bodyText());
        } catch (Exception ex) {
            throw new AssertionError("bad payload " + e.bodyText(), ex);
        }
    }

    @Test
    void shouldAcceptTheNextPostAsSoonAsTheOkOfThePreviousOneLeft() {
        // non-blocking writes: the "ok" reaches the client at once, and a client POSTs again on it
        String sid = f.handshake();
        FakeExchange[] next = new FakeExchange[1];
        FakeExchange first = new FakeExchange("POST", EngineFixture.POLLING + "&sid=" + sid) {
            @Override
            public boolean respond(int status, java.util.Map<String, String> headers, byte[] body) {
                next[0] = f.post(sid, "4b");
                return super.respond(status, headers, body);
            }
        }.body("4a");
        f.handle(first);
        assertThat(first.bodyText()).isEqualTo("ok");
        assertThat(next[0].bodyText()).isEqualTo("ok");
        assertThat(f.events(sid).events()).containsExactly("message:a", "message:b");
    }
}
