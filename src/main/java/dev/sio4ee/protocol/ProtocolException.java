package dev.sio4ee.protocol;

/**
 * Thrown by the {@link Decoder} when the data received is not a valid Socket.IO v5 packet. The connection that
 * sent it should be closed.
 *
 * <pre>{@code
 * try {
 *     decoder.add("42{}");
 * } catch (ProtocolException e) {
 *     // e.getMessage() starts with "invalid payload"
 *     connection.close();
 * }
 * }</pre>
 */
public class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * <pre>{@code throw new ProtocolException("unknown packet type 9");}</pre>
     *
     * @param message what is wrong
     */
    public ProtocolException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * <pre>{@code throw new ProtocolException("invalid payload: malformed JSON", jsonParsingException);}</pre>
     *
     * @param message what is wrong
     * @param cause the underlying error
     */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
