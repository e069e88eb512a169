package dev.sio4ee.engine;

/**
 * Receives what happens on one {@link EngineSession}. Calls for one session never overlap and arrive in order,
 * on the session's serial dispatcher (a thread of {@link EngineServer#executor()}), never while the engine holds a
 * lock and never on another session's, a request's or a timer's thread, so a listener may send on any session and
 * may take its time without delaying other sessions or heartbeats.
 *
 * <pre>{@code
 * engine.onConnection(session -> session.listener(new EngineSessionListener() {
 *     public void onMessage(EngineSession s, String text) { s.send(text); } // echo
 * }));
 * }</pre>
 */
public interface EngineSessionListener {

    /** A listener that ignores everything. */
    EngineSessionListener NONE = new EngineSessionListener() { };

    /**
     * A text message arrived.
     * <pre>{@code public void onMessage(EngineSession s, String text) { s.send(text); }}</pre>
     *
     * @param session the session
     * @param text    the message
     */
    default void onMessage(EngineSession session, String text) {
    }

    /**
     * A binary message arrived.
     * <pre>{@code public void onMessage(EngineSession s, byte[] data) { s.send(data); }}</pre>
     *
     * @param session the session
     * @param data    the message
     */
    default void onMessage(EngineSession session, byte[] data) {
    }

    /**
     * The session moved from long-polling to WebSocket.
     * <pre>{@code public void onUpgrade(EngineSession s) { log(s.transport()); } // "websocket"}</pre>
     *
     * @param session the session
     */
    default void onUpgrade(EngineSession session) {
    }

    /**
     * The session closed; it is already removed from the server and sends nothing more.
     * <pre>{@code public void onClose(EngineSession s, CloseReason r, String d) { log(r.text()); }}</pre>
     *
     * @param session     the session
     * @param reason      why
     * @param description details, or {@code null}
     */
    default void onClose(EngineSession session, CloseReason reason, String description) {
    }
}
