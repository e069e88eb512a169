package dev.sio4ee.engine;

/**
 * Watches every session of an {@link EngineServer} for counting: sessions opened, upgraded and closed, and the
 * packets with data that come in and go out (Node's engine {@code connection}, {@code upgrade}, {@code close},
 * {@code packet} and {@code packetCreate} events, as the admin UI and metrics use them). Add one with
 * {@link EngineServer#addObserver}.
 *
 * <p>{@link #onOpen}, {@link #onUpgrade} and {@link #onClose} run outside the engine's locks ({@code onUpgrade} and
 * {@code onClose} on the session's dispatcher, after its own listener's call); {@link #onPacketIn} and
 * {@link #onPacketOut} run under the session's lock, on whatever thread moves the packet: they must only count
 * (no blocking, no sending, no application code). An exception is logged and ignored.
 *
 * <pre>{@code
 * LongAdder bytesOut = new LongAdder();
 * engine.addObserver(new EngineObserver() {
 *     public void onPacketOut(EngineSession s, long bytes) { bytesOut.add(bytes); }
 * });
 * }</pre>
 */
public interface EngineObserver {

    /**
     * A session opened ({@code session.transport()} is its first transport).
     * <pre>{@code public void onOpen(EngineSession s) { opened.increment(); }}</pre>
     *
     * @param session the session
     */
    default void onOpen(EngineSession session) {
    }

    /**
     * A session moved from long-polling to WebSocket.
     * <pre>{@code public void onUpgrade(EngineSession s) { polling.remove(s.id()); }}</pre>
     *
     * @param session the session
     */
    default void onUpgrade(EngineSession session) {
    }

    /**
     * A session closed.
     * <pre>{@code public void onClose(EngineSession s, CloseReason r) { closed.get(r.text()).increment(); }}</pre>
     *
     * @param session the session
     * @param reason  why
     */
    default void onClose(EngineSession session, CloseReason reason) {
    }

    /**
     * A packet with data arrived on the session's transport (a MESSAGE). Under the session's lock: count only.
     * <pre>{@code public void onPacketIn(EngineSession s, long bytes) { bytesIn.add(bytes); }}</pre>
     *
     * @param session the session
     * @param bytes   its data's size (UTF-8 bytes of a text, the length of a binary)
     */
    default void onPacketIn(EngineSession session, long bytes) {
    }

    /**
     * A packet with data was queued for the client (OPEN, MESSAGE). Under the session's lock: count only.
     * <pre>{@code public void onPacketOut(EngineSession s, long bytes) { bytesOut.add(bytes); }}</pre>
     *
     * @param session the session
     * @param bytes   its data's size (UTF-8 bytes of a text, the length of a binary)
     */
    default void onPacketOut(EngineSession session, long bytes) {
    }

    /**
     * The UTF-8 size of a text without encoding it.
     * <pre>{@code EngineObserver.utf8Length("é") // 2}</pre>
     *
     * @param text the text
     * @return its size in bytes
     */
    static long utf8Length(String text) {
        long n = 0;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(text.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
