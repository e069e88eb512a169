package dev.sio4ee.engine;

import dev.sio4ee.engine.parser.EngineParseException;
import dev.sio4ee.engine.parser.EngineParser;
import dev.sio4ee.engine.parser.EnginePacket;
import dev.sio4ee.engine.spi.PollingExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP long-polling: a GET waits (asynchronously) until there is something to send, a POST carries packets
 * from the client. One GET and one POST at most may be pending per session.
 */
final class PollingTransport extends Transport {
    /** How long a server-side close waits for the client's next GET to deliver the CLOSE packet. */
    static final long CLOSE_TIMEOUT = 30_000;
    private static final byte[] OK = "ok".getBytes(StandardCharsets.UTF_8);

    private final EngineServer server;
    private PollingExchange pendingGet;
    /** The scheduler's time when {@link #pendingGet} arrived. */
    private long pendingSince;
    private boolean postInFlight;
    private Runnable shouldClose;
    private EngineScheduler.Cancellable closeTimer = EngineScheduler.Cancellable.NONE;
    private boolean discarded;
    private String handshakeCookie;

    PollingTransport(EngineSession session, EngineServer server) {
        super(session);
        this.server = server;
    }

    /** The Set-Cookie value for the first response (the handshake), or null. */
    void handshakeCookie(String cookie) {
        this.handshakeCookie = cookie;
    }

    @Override
    String name() {
        return EngineOptions.POLLING;
    }

    @Override
    boolean writable() {
        return pendingGet != null;
    }

    /** Entry point for every HTTP request of this session (no lock held). */
    void onRequest(PollingExchange exchange) {
        switch (exchange.method()) {
            case "GET" -> onPoll(exchange);
            case "POST" -> onData(exchange);
            default -> server.reject(exchange, EngineError.BAD_REQUEST, "method " + exchange.method()
                    + " not allowed on a session");
        }
    }

    private void onPoll(PollingExchange exchange) {
        session.execute(() -> {
            if (discarded || session.isClosed()) {
                if (server.arrivedBeforeClientClose(session.id(), exchange)) {
                    session.afterUnlock(() -> server.respondNoop(exchange));
                } else {
                    session.afterUnlock(() -> server.reject(exchange, EngineError.BAD_REQUEST, null));
                }
                return;
            }
            if (pendingGet != null) {
                session.afterUnlock(() -> server.reject(exchange, EngineError.BAD_REQUEST, "overlapping GET"));
                session.closeLocked(CloseReason.TRANSPORT_ERROR, "overlap from client");
                return;
            }
            pendingGet = exchange;
            pendingSince = session.scheduler().nowMillis();
            exchange.onAbort(() -> onPollAborted(exchange));
            session.flushLocked();
            if (pendingGet == exchange && shouldClose != null) {
                send(List.of(EnginePacket.NOOP));
            }
        });
    }

    /** How long the pending GET has waited (ms), or -1 without one. Lock held. */
    long pendingFor(long now) {
        return pendingGet == null ? -1 : now - pendingSince;
    }

    private void onPollAborted(PollingExchange exchange) {
        session.execute(() -> {
            if (pendingGet == exchange) {
                pendingGet = null;
                if (!discarded) {
                    session.closeLocked(CloseReason.TRANSPORT_ERROR, "poll connection closed prematurely");
                }
            }
        });
    }

    private void onData(PollingExchange exchange) {
        boolean[] refused = {false};
        session.execute(() -> {
            if (postInFlight || discarded || session.isClosed()) {
                refused[0] = true;
                String message = postInFlight ? "overlapping POST" : null;
                session.afterUnlock(() -> server.reject(exchange, EngineError.BAD_REQUEST, message));
                if (postInFlight) {
                    session.closeLocked(CloseReason.TRANSPORT_ERROR, "data request overlap from client");
                }
                return;
            }
            postInFlight = true;
        });
        if (refused[0]) {
            return;
        }
        try {
            exchange.readBody(server.options().maxHttpBufferSize(), new PollingExchange.BodyReader() {
                @Override
                public void onBody(byte[] body) {
                    try {
                        onBodyRead(exchange, body);
                    } finally {
                        session.execute(() -> postInFlight = false);
                    }
                }

                @Override
                public void onError(IOException error) {
                    session.execute(() -> postInFlight = false); // before the answer: the client may POST again
                    try {
                        if (error instanceof PollingExchange.BodyTooLargeException) {
                            // the unread rest of the body makes the connection unusable: ask to close it
                            server.respondError(exchange, 413, EngineError.BAD_REQUEST, "Payload too large",
                                    Map.of("Connection", "close"));
                        } else {
                            server.reject(exchange, EngineError.BAD_REQUEST, "could not read the body");
                        }
                    } finally {
                        session.execute(() -> postInFlight = false);
                    }
                }
            });
        } catch (RuntimeException e) {
            session.execute(() -> postInFlight = false);
            throw e;
        }
    }

    private void onBodyRead(PollingExchange exchange, byte[] body) {
        List<EnginePacket> packets;
        try {
            packets = EngineParser.decodePayload(new String(body, StandardCharsets.UTF_8));
        } catch (EngineParseException e) {
            session.execute(() -> session.closeLocked(CloseReason.PARSE_ERROR, e.getMessage()));
            server.reject(exchange, EngineError.BAD_REQUEST, "parse error: " + e.getMessage());
            return;
        }
        for (EnginePacket packet : packets) {
            session.onPacket(this, packet);
        }
        // before the "ok": a client sends its next POST as soon as it has it (the answer leaves at once now)
        session.execute(() -> postInFlight = false);
        Map<String, String> headers = new LinkedHashMap<>(server.cors().responseHeaders(exchange));
        headers.put("Content-Type", "text/html");
        String sid = session.id();
        Runnable ok = () -> {
            server.clientCloseAnswered(sid);
            exchange.respond(200, headers, OK);
        };
        long grace = server.clientCloseGrace(sid); // this POST closed the session and no GET was waiting
        if (grace > 0) {
            session.scheduler().schedule(ok, grace);
        } else {
            ok.run();
        }
    }

    @Override
    void send(List<EnginePacket> packets) {
        PollingExchange exchange = pendingGet;
        pendingGet = null;
        List<EnginePacket> out = packets;
        Runnable closing = shouldClose;
        if (closing != null) {
            out = new ArrayList<>(packets);
            out.add(EnginePacket.CLOSE);
            shouldClose = null;
            closeTimer.cancel();
        }
        Map<String, String> headers = new LinkedHashMap<>(server.cors().responseHeaders(exchange));
        headers.put("Content-Type", "text/plain; charset=UTF-8");
        if (handshakeCookie != null) {
            headers.put("Set-Cookie", handshakeCookie);
            handshakeCookie = null;
        }
        byte[] body = EngineParser.encodePayload(out).getBytes(StandardCharsets.UTF_8);
        session.afterUnlock(() -> exchange.respond(200, headers, body)); // no network I/O under the lock
        if (closing != null) {
            closing.run();
        }
    }

    @Override
    void close(Runnable onClosed) {
        if (writable()) {
            shouldClose = onClosed;
            send(List.of());
        } else if (discarded) {
            onClosed.run();
        } else {
            shouldClose = onClosed;
            closeTimer = session.scheduler().schedule(() -> session.execute(() -> {
                Runnable r = shouldClose;
                shouldClose = null;
                if (r != null) {
                    r.run();
                }
            }), CLOSE_TIMEOUT);
        }
    }

    /** Answers a pending GET with a NOOP (lock held; the response leaves after the lock is released). */
    void releasePendingGet() {
        if (pendingGet != null) {
            send(List.of(EnginePacket.NOOP));
        }
    }

    @Override
    void terminate() {
        shouldClose = null;
        closeTimer.cancel();
        if (pendingGet != null) {
            send(List.of(EnginePacket.CLOSE));
        }
        discarded = true;
    }

    /**
     * After the switch to WebSocket. A GET still pending here came after the client paused polling (a client
     * waits for its last poll to end before it sends UPGRADE, and a GET that waited a whole check interval was
     * already released with a NOOP): it gets 400 as a GET handled after the switch does, so the answer does not
     * depend on which of the two requests' threads ran first.
     */
    @Override
    void discard() {
        discarded = true;
        closeTimer.cancel();
        PollingExchange late = pendingGet;
        pendingGet = null;
        if (late != null) {
            session.afterUnlock(() -> server.reject(late, EngineError.BAD_REQUEST, null));
        }
    }
}
