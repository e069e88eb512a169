package dev.sio4ee.engine.spi;

import java.io.IOException;
import java.util.Map;

/**
 * One HTTP long-polling request and its response, completed asynchronously: the engine may keep a GET for up to
 * a ping interval and answer it from another thread. The container glue implements it over a servlet
 * {@code AsyncContext}; tests implement it in memory.
 *
 * <pre>{@code
 * if ("POST".equals(exchange.method())) {
 *     byte[] body = exchange.readBody(maxBytes);
 *     exchange.respond(200, Map.of("Content-Type", "text/html"), "ok".getBytes(UTF_8));
 * }
 * }</pre>
 */
public interface PollingExchange extends RequestInfo {

    /**
     * The HTTP method.
     * <pre>{@code exchange.method() // "GET"}</pre>
     *
     * @return the method, upper case
     */
    String method();

    /**
     * Reads the whole request body, refusing to read more than {@code limit} bytes.
     * <pre>{@code byte[] body = exchange.readBody(1_000_000);}</pre>
     *
     * @param limit the largest accepted body
     * @return the body
     * @throws BodyTooLargeException if the body (or its declared Content-Length) exceeds the limit
     * @throws IOException if reading fails
     */
    byte[] readBody(int limit) throws IOException;

    /**
     * Completes the exchange. Only the first call has an effect; later calls are ignored, so racing responders
     * are harmless.
     * <pre>{@code exchange.respond(400, Map.of("Content-Type", "application/json"), json);}</pre>
     *
     * @param status  the HTTP status
     * @param headers response headers
     * @param body    the body
     * @return true if this call completed the exchange, false if it was already completed or aborted
     */
    boolean respond(int status, Map<String, String> headers, byte[] body);

    /**
     * Registers the action to run if the request ends before it was answered (client gone, container timeout).
     * <pre>{@code exchange.onAbort(() -> session.onTransportError("poll connection closed prematurely"));}</pre>
     *
     * @param action what to do
     */
    void onAbort(Runnable action);

    /** Thrown by {@link #readBody(int)} when the body is larger than allowed. */
    final class BodyTooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception.
         * <pre>{@code throw new BodyTooLargeException(limit);}</pre>
         *
         * @param limit the limit that was exceeded
         */
        public BodyTooLargeException(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }
}
