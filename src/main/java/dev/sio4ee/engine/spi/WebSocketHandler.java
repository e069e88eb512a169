package dev.sio4ee.engine.spi;

/**
 * The receiving half of one WebSocket connection, returned by the engine when the connection opens. The
 * container glue calls it one frame at a time, in order.
 *
 * <pre>{@code
 * WebSocketHandler handler = engine.openWebSocket(peer);
 * handler.onText("4hello");
 * handler.onClose(1000, "");
 * }</pre>
 */
public interface WebSocketHandler {

    /**
     * A text frame arrived.
     * <pre>{@code handler.onText("3");}</pre>
     *
     * @param text the frame
     */
    void onText(String text);

    /**
     * A binary frame arrived.
     * <pre>{@code handler.onBinary(bytes);}</pre>
     *
     * @param data the frame
     */
    void onBinary(byte[] data);

    /**
     * The connection closed (close frame, or the network went away).
     * <pre>{@code handler.onClose(1006, "");}</pre>
     *
     * @param code   the close code
     * @param reason the close reason
     */
    void onClose(int code, String reason);

    /**
     * The container reported an error on the connection; a close follows or has happened.
     * <pre>{@code handler.onError(new IOException("broken pipe"));}</pre>
     *
     * @param error the error
     */
    void onError(Throwable error);
}
