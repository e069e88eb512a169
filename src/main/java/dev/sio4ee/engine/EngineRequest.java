package dev.sio4ee.engine;

import dev.sio4ee.engine.spi.RequestInfo;
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
 */
public record EngineRequest(Map<String, String> queryParameters, Map<String, List<String>> headers,
                            String remoteAddress, boolean secure, String url, long time) implements RequestInfo {

    /**
     * Copies the collections.
     *
     * @param queryParameters see record doc
     * @param headers         see record doc
     * @param remoteAddress   see record doc
     * @param secure          see record doc
     * @param url             see record doc
     * @param time            see record doc
     */
    public EngineRequest {
        queryParameters = Map.copyOf(queryParameters);
        headers = Map.copyOf(headers);
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
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
                request.secure(), request.url(), System.currentTimeMillis());
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
