package dev.sio4ee.engine;

import dev.sio4ee.engine.spi.RequestInfo;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The request side shared by the in-memory fakes: a query string, headers, loopback address. */
public abstract class FakeRequest implements RequestInfo {
    private final String queryString;
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, List<String>> headers = new TreeMap<>();
    private boolean secure;
    private Principal principal;

    protected FakeRequest(String queryString) {
        this.queryString = queryString == null ? "" : queryString;
        if (!this.queryString.isEmpty()) {
            for (String pair : this.queryString.split("&")) {
                int eq = pair.indexOf('=');
                query.putIfAbsent(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }

    protected void addHeader(String name, String value) {
        headers.put(name.toLowerCase(Locale.ROOT), List.of(value));
    }

    protected void setSecure(boolean secure) {
        this.secure = secure;
    }

    /** The authenticated caller this request carries (null: anonymous). */
    public void setPrincipal(Principal principal) {
        this.principal = principal;
    }

    @Override
    public Principal principal() {
        return principal;
    }

    @Override
    public String query(String name) {
        return query.get(name);
    }

    @Override
    public Map<String, String> queryParameters() {
        return query;
    }

    @Override
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null ? null : v.get(0);
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public String remoteAddress() {
        return "127.0.0.1";
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public String url() {
        return "/socket.io/?" + queryString;
    }
}
