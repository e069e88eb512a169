package dev.sio4ee.engine;

import dev.sio4ee.engine.spi.RequestInfo;

/**
 * Decides whether a handshake may open a session (Node's {@code allowRequest} option). A refusal answers
 * HTTP 403 {@code {"code":4,"message":<message>}} on polling, or closes the WebSocket with that JSON.
 *
 * <pre>{@code
 * AllowRequest onlyWithToken = request -> request.query("token") != null
 *         ? AllowRequest.Verdict.ALLOW : AllowRequest.Verdict.reject("token required");
 * }</pre>
 */
@FunctionalInterface
public interface AllowRequest {

    /** Allows everything (the default). */
    AllowRequest ALL = request -> Verdict.ALLOW;

    /**
     * Looks at the handshake request.
     * <pre>{@code Verdict v = guard.check(request);}</pre>
     *
     * @param request the first request of the session
     * @return allow, or reject with a message
     */
    Verdict check(RequestInfo request);

    /**
     * The outcome of {@link #check}.
     *
     * @param allowed whether the session may open
     * @param message the refusal message sent to the client
     */
    record Verdict(boolean allowed, String message) {
        /** Let the session open. */
        public static final Verdict ALLOW = new Verdict(true, null);

        /**
         * Refuses with a message.
         * <pre>{@code Verdict.reject("not allowed from here")}</pre>
         *
         * @param message the message sent to the client
         * @return the verdict
         */
        public static Verdict reject(String message) {
            return new Verdict(false, message == null ? EngineError.FORBIDDEN.message() : message);
        }
    }
}
