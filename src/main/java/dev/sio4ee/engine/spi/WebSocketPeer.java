package dev.sio4ee.engine.spi;

/**
 * The sending half of one WebSocket connection. Implementations queue frames so that exactly one write is in
 * flight per connection and frames leave in the order they were given; no method blocks on the network.
 * The engine queues frames while it holds a session's lock and calls {@link #flush()} once it released it, so
 * {@link #sendText}, {@link #sendBinary}, {@link #isWritable()} and {@link #bufferedBytes()} must do no network
 * I/O at all (an implementation may start writing in them only if it never touches the network there).
 *
 * <pre>{@code
 * peer.sendText("4hello");
 * peer.sendBinary(new byte[] {1, 2, 3});
 * peer.flush();           // starts writing, outside any lock
 * peer.close(1000, "");
 * }</pre>
 */
public interface WebSocketPeer extends RequestInfo {

    /**
     * Queues a text frame.
     * <pre>{@code peer.sendText("2");}</pre>
     *
     * @param text the frame
     */
    void sendText(String text);

    /**
     * Queues a binary frame.
     * <pre>{@code peer.sendBinary(bytes);}</pre>
     *
     * @param data the frame
     */
    void sendBinary(byte[] data);

    /**
     * Starts writing the queued frames (asynchronously; returns at once). Called without any engine lock held.
     * <pre>{@code peer.sendText("2"); peer.flush();}</pre>
     */
    default void flush() {
    }

    /**
     * The bytes queued and not yet handed to the network (text frames counted in chars), so the engine can bound
     * what a client that does not read costs.
     * <pre>{@code if (peer.bufferedBytes() > limit) peer.abort(1011, "send queue full");}</pre>
     *
     * @return the queued size
     */
    default long bufferedBytes() {
        return 0;
    }

    /**
     * Closes the connection now, dropping the queued frames (the client fell too far behind). Called without any
     * engine lock held.
     * <pre>{@code peer.abort(1011, "send queue full");}</pre>
     *
     * @param code   the WebSocket close code
     * @param reason the close reason (at most 123 bytes)
     */
    default void abort(int code, String reason) {
        close(code, reason);
    }

    /**
     * Closes the connection once the queued frames are written. Called without any engine lock held.
     * <pre>{@code peer.close(1000, "");}</pre>
     *
     * @param code   the WebSocket close code
     * @param reason the close reason (at most 123 bytes)
     */
    void close(int code, String reason);

    /**
     * Whether the connection is open and its send queue is short enough to take more (used to drop volatile
     * packets on a congested connection).
     * <pre>{@code if (peer.isWritable()) peer.sendText(frame);}</pre>
     *
     * @return true if a frame sent now would be written soon
     */
    boolean isWritable();
}
