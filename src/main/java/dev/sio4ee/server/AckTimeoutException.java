package dev.sio4ee.server;

import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * An acknowledgement did not arrive in time (socket.io's {@code "operation has timed out"}). For a broadcast it
 * carries the responses received before the deadline.
 *
 * <pre>{@code
 * io.timeout(1_000).emitWithAck("ping").exceptionally(e -> {
 *     if (e.getCause() instanceof AckTimeoutException t) log(t.responses().size() + " answered");
 *     return List.of();
 * });
 * }</pre>
 */
public class AckTimeoutException extends TimeoutException {
    private static final long serialVersionUID = 1L;

    /** The message socket.io uses. */
    public static final String MESSAGE = "operation has timed out";

    private final transient List<Args> responses;

    /**
     * Creates the exception.
     * <pre>{@code new AckTimeoutException(List.of())}</pre>
     *
     * @param responses the responses received in time
     */
    public AckTimeoutException(List<Args> responses) {
        super(MESSAGE);
        this.responses = List.copyOf(responses);
    }

    /**
     * The responses received before the deadline (one per client for a broadcast; empty for a single socket).
     * <pre>{@code List<Args> partial = e.responses();}</pre>
     *
     * @return the responses
     */
    public List<Args> responses() {
        return responses;
    }
}
