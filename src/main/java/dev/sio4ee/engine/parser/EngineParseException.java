package dev.sio4ee.engine.parser;

/**
 * Thrown when bytes on the wire are not a valid Engine.IO v4 packet or payload.
 *
 * <pre>{@code
 * try {
 *     EngineParser.decodePacket("9");
 * } catch (EngineParseException e) {
 *     // "unknown packet type '9'"
 * }
 * }</pre>
 */
public class EngineParseException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * <pre>{@code throw new EngineParseException("empty packet");}</pre>
     *
     * @param message what is wrong
     */
    public EngineParseException(String message) {
        super(message);
    }
}
