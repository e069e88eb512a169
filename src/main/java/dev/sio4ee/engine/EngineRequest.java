package dev.sio4ee.engine;

import dev.sio4ee.engine.spi.RequestInfo;
import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An immutable copy of the request that opened a session (the container recycles its own request objects).
 *
 * <pre>{@code
 * EngineRequest first = session.request();
 * String ua = first.header("User-Agent");
 * long when = first.time();
 * }</pre>
 *
 * @param queryParameters query parameters, first value each
 * @param headers         headers, lower-case names
 * @param remoteAddress   the client's address
 * @param secure          whether TLS was used
 * @param url             path and query
 * @param time            when the handshake happened (epoch ms)
 * @param principal       the authenticated caller of the request, or null when anonymous
 */
public record EngineRequest(Map<String, String> queryParameters, Map<String, List<String>> headers,
                            String remoteAddress, boolean secure, String url, long time, Principal principal)
        implements RequestInfo {

    /**
     * Copies the collections.
     *
     * @param queryParameters see record doc
     * @param headers         see record doc
     * @param remoteAddress   see record doc
     * @param secure          see record doc
     * @param url             see record doc
     * @param time            see record doc
     * @param principal       see record doc
     */
    public EngineRequest {
        queryParameters = Map.copyOf(queryParameters);
        headers = Map.copyOf(headers);
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
    }

    /**
     * An anonymous request.
     * <pre>{@code new EngineRequest(Map.of("EIO", "4"), Map.of(), "127.0.0.1", false, "/socket.io/?EIO=4", 0L)}</pre>
     *
     * @param queryParameters see record doc
     * @param headers         see record doc
     * @param remoteAddress   see record doc
     * @param secure          see record doc
     * @param url             see record doc
     * @param time            see record doc
     */
    public EngineRequest(Map<String, String> queryParameters, Map<String, List<String>> headers,
                         String remoteAddress, boolean secure, String url, long time) {
        this(queryParameters, headers, remoteAddress, secure, url, time, null);
    }

    /**
     * Snapshots a live request.
     * <pre>{@code EngineRequest copy = EngineRequest.copyOf(exchange);}</pre>
     *
     * @param request the live request
     * @return the copy, stamped with the current time
     */
    public static EngineRequest copyOf(RequestInfo request) {
        return new EngineRequest(request.queryParameters(), request.headers(), request.remoteAddress(),
                request.secure(), request.url(), System.currentTimeMillis(), request.principal());
    }

    @Override
    public String query(String name) {
        return queryParameters.get(name);
    }

    @Override
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
