package dev.sio4ee.engine.spi;

/**
 * The sending half of one WebSocket connection. Implementations queue frames so that exactly one write is in
 * flight per connection and frames leave in the order they were given; no method blocks on the network.
 *
 * <pre>{@code
 * peer.sendText("4hello");
 * peer.sendBinary(new byte[] {1, 2, 3});
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
     * Closes the connection once the queued frames are written.
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
