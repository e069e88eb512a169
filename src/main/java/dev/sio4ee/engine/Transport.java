package dev.sio4ee.engine;

import dev.sio4ee.engine.parser.EnginePacket;
import java.util.List;

/**
 * One way of carrying a session's packets (socket.io's engine {@code Transport}). A session has exactly one
 * current transport, and at most one more while it upgrades. All methods are called with the session's lock
 * held, so none touches the network: a transport hands its network work to
 * {@link EngineSession#afterUnlock(Runnable)}, which runs it once the lock is released.
 */
abstract class Transport {

    /** The session this transport belongs to. */
    protected final EngineSession session;

    Transport(EngineSession session) {
        this.session = session;
    }

    /** {@code polling} or {@code websocket}. */
    abstract String name();

    /** Whether {@link #send} would deliver now. */
    abstract boolean writable();

    /** Sends a batch; only called when {@link #writable()}. */
    abstract void send(List<EnginePacket> packets);

    /**
     * Closes the transport gracefully; {@code onClosed} runs once it is closed (maybe later, e.g. on the next
     * long-polling GET).
     */
    abstract void close(Runnable onClosed);

    /** Drops the transport after an upgrade: a pending long-polling GET is released with a NOOP. */
    abstract void discard();

    /** Ends the transport of a closed session at once: a pending GET gets a CLOSE, a WebSocket is closed. */
    abstract void terminate();

    /** Ends the transport of a client that fell too far behind: what still waits for it is dropped. */
    void abort() {
        terminate();
    }

    /** The bytes this transport queued and did not yet hand to the network. */
    long bufferedBytes() {
        return 0;
    }
}
