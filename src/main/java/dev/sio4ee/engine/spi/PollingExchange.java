package dev.sio4ee.engine.spi;

import java.io.IOException;
import java.util.Map;

/**
 * One HTTP long-polling request and its response, completed asynchronously: the engine may keep a GET for up to
 * a ping interval and answer it from another thread. The container glue implements it over a servlet
 * {@code AsyncContext} with non-blocking I/O; tests implement it in memory. Neither {@link #readBody} nor
 * {@link #respond} may block on the network: a slow client must not hold the calling thread.
 *
 * <pre>{@code
 * if ("POST".equals(exchange.method())) {
 *     exchange.readBody(maxBytes, new PollingExchange.BodyReader() {
 *         public void onBody(byte[] body) {
 *             exchange.respond(200, Map.of("Content-Type", "text/html"), "ok".getBytes(UTF_8));
 *         }
 *         public void onError(IOException e) {
 *             exchange.respond(400, Map.of(), new byte[0]);
 *         }
 *     });
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
     * When the request arrived ({@link System#nanoTime()}), taken before any engine work: the engine orders two
     * requests of one session that ran on two threads by it. The default, "now", suits an exchange handled at
     * once.
     * <pre>{@code long t = exchange.arrivalNanos();}</pre>
     *
     * @return the arrival time
     */
    default long arrivalNanos() {
        return System.nanoTime();
    }

    /**
     * Reads the whole request body without blocking the calling thread, refusing to read more than {@code limit}
     * bytes; exactly one of the reader's methods is called, on whichever thread the body completes (maybe the
     * caller's, before this returns).
     * <pre>{@code exchange.readBody(1_000_000, reader);}</pre>
     *
     * @param limit  the largest accepted body
     * @param reader who gets the body, or a {@link BodyTooLargeException} if the body (or its declared
     *               Content-Length) exceeds the limit, or another {@link IOException} if reading fails
     */
    void readBody(int limit, BodyReader reader);

    /** Who gets a request body read by {@link #readBody(int, BodyReader)}. */
    interface BodyReader {
        /**
         * The whole body arrived.
         * <pre>{@code public void onBody(byte[] body) { handle(new String(body, UTF_8)); }}</pre>
         *
         * @param body the body
         */
        void onBody(byte[] body);

        /**
         * Reading failed or the body is too large ({@link BodyTooLargeException}).
         * <pre>{@code public void onError(IOException e) { reject(e); }}</pre>
         *
         * @param error what went wrong
         */
        void onError(IOException error);
    }

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

    /** Given to {@link BodyReader#onError} when the body is larger than allowed. */
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
