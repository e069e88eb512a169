package dev.sio4ee.engine;

import dev.sio4ee.engine.spi.RequestInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The origin policy of a server: requests without an {@code Origin} header (non-browser clients) and
 * same-origin pages always pass; cross-origin pages pass only when their origin is on the allow-list
 * ({@link EngineOptions#corsOrigins()}), and then get the CORS response headers.
 *
 * <pre>{@code
 * Cors cors = new Cors(options);
 * if (!cors.allows(request)) { ... answer 403 ... }
 * Map<String, String> extra = cors.responseHeaders(request);
 * }</pre>
 */
public final class Cors {
    private final List<String> origins;
    private final boolean any;
    private final boolean credentials;

    /**
     * Creates the policy from the options.
     * <pre>{@code new Cors(EngineOptions.defaults())}</pre>
     *
     * @param options the engine options
     */
    public Cors(EngineOptions options) {
        this.origins = options.corsOrigins();
        this.any = origins.contains("*");
        this.credentials = options.corsCredentials();
    }

    /**
     * Whether the Origin header holds characters no header may hold (as Node's check: controls other than TAB,
     * and DEL; Latin-1 "obs-text" 0x80-0xFF is allowed).
     * <pre>{@code Cors.isMalformed("http://a\u0000b") // true}</pre>
     *
     * @param origin the header value
     * @return true if invalid
     */
    public static boolean isMalformed(String origin) {
        if (origin == null) {
            return false;
        }
        for (int i = 0; i < origin.length(); i++) {
            char c = origin.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether this request may talk to the server.
     * <pre>{@code cors.allows(request)}</pre>
     *
     * @param request the request
     * @return true if there is no Origin, it is the server's own, or it is on the allow-list
     */
    public boolean allows(RequestInfo request) {
        return allows(request.header("Origin"), request);
    }

    /**
     * Whether a request with the given Origin may talk to the server.
     * <pre>{@code cors.allows("https://app.example.com", request)}</pre>
     *
     * @param origin  the Origin header value, or {@code null}
     * @param request the request (for its Host header)
     * @return true if allowed
     */
    public boolean allows(String origin, RequestInfo request) {
        return origin == null || isListed(origin) || isSameOrigin(origin, request);
    }

    private boolean isListed(String origin) {
        return any || origins.contains(origin);
    }

    private static boolean isSameOrigin(String origin, RequestInfo request) {
        String host = request.header("Host");
        if (host == null) {
            return false;
        }
        String scheme = request.secure() ? "https://" : "http://";
        return origin.equalsIgnoreCase(scheme + host);
    }

    /**
     * The CORS headers for an ordinary response (empty unless the request is cross-origin and listed).
     * <pre>{@code headers.putAll(cors.responseHeaders(request));}</pre>
     *
     * @param request the request
     * @return the headers to add
     */
    public Map<String, String> responseHeaders(RequestInfo request) {
        String origin = request.header("Origin");
        Map<String, String> h = new LinkedHashMap<>();
        // never echo a malformed origin (it could split the response headers)
        if (origin != null && !isMalformed(origin) && isListed(origin)) {
            h.put("Access-Control-Allow-Origin", origin);
            h.put("Vary", "Origin");
            if (credentials) {
                h.put("Access-Control-Allow-Credentials", "true");
            }
        }
        return h;
    }

    /**
     * The headers answering a CORS preflight ({@code OPTIONS}) request.
     * <pre>{@code exchange.respond(204, cors.preflightHeaders(exchange), new byte[0]);}</pre>
     *
     * @param request the preflight request
     * @return the headers
     */
    public Map<String, String> preflightHeaders(RequestInfo request) {
        Map<String, String> h = responseHeaders(request);
        if (!h.isEmpty()) {
            h.put("Access-Control-Allow-Methods", "GET,HEAD,POST,OPTIONS");
            String requested = request.header("Access-Control-Request-Headers");
            if (requested != null) {
                h.put("Access-Control-Allow-Headers", requested);
            }
            h.put("Access-Control-Max-Age", "600");
        }
        return h;
    }
}
