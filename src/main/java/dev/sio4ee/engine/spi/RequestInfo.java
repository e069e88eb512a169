package dev.sio4ee.engine.spi;

import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * What a transport knows about the HTTP request behind it: the long-polling request, or the WebSocket upgrade.
 * Implemented by the container glue and by test fakes.
 *
 * <pre>{@code
 * String sid = request.query("sid");
 * String origin = request.header("Origin");
 * }</pre>
 */
public interface RequestInfo {

    /**
     * One decoded query parameter (the first value).
     * <pre>{@code request.query("EIO") // "4"}</pre>
     *
     * @param name the parameter name
     * @return the value, or {@code null} when absent
     */
    String query(String name);

    /**
     * All query parameters, first value each.
     * <pre>{@code request.queryParameters().get("transport") // "polling"}</pre>
     *
     * @return the parameters, never {@code null}
     */
    Map<String, String> queryParameters();

    /**
     * One request header, matched case-insensitively.
     * <pre>{@code request.header("user-agent")}</pre>
     *
     * @param name the header name
     * @return the first value, or {@code null}
     */
    String header(String name);

    /**
     * All request headers with lower-case names.
     * <pre>{@code request.headers().get("cookie")}</pre>
     *
     * @return the headers, never {@code null}
     */
    Map<String, List<String>> headers();

    /**
     * The client's address as the container sees it.
     * <pre>{@code request.remoteAddress() // "127.0.0.1"}</pre>
     *
     * @return the address, or an empty string when the container does not tell
     */
    String remoteAddress();

    /**
     * Whether the request came over TLS.
     * <pre>{@code if (request.secure()) { ... }}</pre>
     *
     * @return true for https/wss
     */
    boolean secure();

    /**
     * The request path and query as sent, e.g. {@code /socket.io/?EIO=4&transport=polling}.
     * <pre>{@code request.url()}</pre>
     *
     * @return the path and query
     */
    String url();

    /**
     * The authenticated caller of the HTTP request (Jakarta Security / servlet container login), if any.
     * <pre>{@code Principal caller = request.principal(); // null when anonymous}</pre>
     *
     * @return the principal, or {@code null} when the request is anonymous
     */
    default Principal principal() {
        return null;
    }
}
