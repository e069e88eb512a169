package dev.sio4ee.engine;

/**
 * Hears every new Engine.IO session. The Socket.IO server is one; an application that wants raw Engine.IO
 * (like Node's {@code engine.io} package) can be another.
 *
 * <pre>{@code
 * EngineConnectionListener echo = session -> session.listener(new EngineSessionListener() {
 *     public void onMessage(EngineSession s, String text) { s.send(text); }
 * });
 * engine.onConnection(echo);
 * }</pre>
 */
@FunctionalInterface
public interface EngineConnectionListener {

    /**
     * A session opened. Runs before the session can receive anything: set its listener here.
     * <pre>{@code public void onConnection(EngineSession s) { s.listener(myListener); }}</pre>
     *
     * @param session the new session
     */
    void onConnection(EngineSession session);
}
