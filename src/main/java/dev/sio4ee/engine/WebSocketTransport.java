package dev.sio4ee.engine;

import dev.sio4ee.engine.parser.EngineParseException;
import dev.sio4ee.engine.parser.EngineParser;
import dev.sio4ee.engine.parser.EnginePacket;
import dev.sio4ee.engine.spi.WebSocketHandler;
import dev.sio4ee.engine.spi.WebSocketPeer;
import java.util.List;

/**
 * WebSocket: one packet per frame, text frames for text packets, binary frames for binary messages. The peer
 * queues frames, so the transport is writable as long as it is open.
 */
final class WebSocketTransport extends Transport implements WebSocketHandler {
    /** Close code for a frame above maxPayload (RFC 6455 "message too big"). */
    static final int MESSAGE_TOO_BIG = 1009;
    /** Close code for a client that fell more than maxBufferedBytes behind (RFC 6455 "policy violation"). */
    static final int TOO_FAR_BEHIND = 1008;

    private final WebSocketPeer peer;
    private final int maxPayload;
    private volatile boolean closed;

    WebSocketTransport(EngineSession session, WebSocketPeer peer, int maxPayload) {
        super(session);
        this.peer = peer;
        this.maxPayload = maxPayload;
    }

    @Override
    String name() {
        return EngineOptions.WEBSOCKET;
    }

    @Override
    boolean writable() {
        return !closed;
    }

    boolean congestionFree() {
        return !closed && peer.isWritable();
    }

    @Override
    void send(List<EnginePacket> packets) {
        // queued in lock order, written after the lock is released
        for (EnginePacket p : packets) {
            if (p.isBinary()) {
                peer.sendBinary(p.binary());
            } else {
                peer.sendText(EngineParser.encodePacket(p));
            }
        }
        session.afterUnlock(peer::flush);
    }

    @Override
    long bufferedBytes() {
        return peer.bufferedBytes();
    }

    @Override
    void close(Runnable onClosed) {
        terminate();
        onClosed.run();
    }

    @Override
    void discard() {
        terminate();
    }

    @Override
    void terminate() {
        if (!closed) {
            closed = true;
            session.afterUnlock(() -> peer.close(1000, ""));
        }
    }

    @Override
    void abort() {
        if (!closed) {
            closed = true;
            session.afterUnlock(() -> peer.abort(TOO_FAR_BEHIND, "send buffer full"));
        }
    }

    @Override
    public void onText(String text) {
        // maxPayload counts UTF-8 bytes (as the ws module does): a UTF-16 length above the limit is certainly
        // above it in bytes, and only a text longer than a third of the limit may need the exact count
        if (text.length() > maxPayload || (text.length() > maxPayload / 3 && utf8Length(text) > maxPayload)) {
            tooBig();
            return;
        }
        EnginePacket packet;
        try {
            packet = EngineParser.decodePacket(text);
        } catch (EngineParseException e) {
            session.onTransportFailure(this, CloseReason.PARSE_ERROR, e.getMessage());
            return;
        }
        session.onPacket(this, packet);
    }

    private static long utf8Length(String text) {
        long n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    @Override
    public void onBinary(byte[] data) {
        if (data.length > maxPayload) {
            tooBig();
            return;
        }
        session.onPacket(this, EngineParser.decodeBinaryFrame(data));
    }

    private void tooBig() {
        closed = true;
        peer.close(MESSAGE_TOO_BIG, "message too big");
        session.onTransportFailure(this, CloseReason.TRANSPORT_ERROR, "message larger than maxPayload");
    }

    @Override
    public void onClose(int code, String reason) {
        closed = true;
        session.onTransportFailure(this, CloseReason.TRANSPORT_CLOSE, "websocket closed with code " + code);
    }

    @Override
    public void onError(Throwable error) {
        session.onTransportFailure(this, CloseReason.TRANSPORT_ERROR, String.valueOf(error));
    }
}
