package dev.sio4ee.jakarta;

import dev.sio4ee.engine.EngineRequest;
import dev.sio4ee.engine.spi.RequestInfo;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/** The request part of the servlet and WebSocket adapters: a snapshot taken when the request arrives. */
abstract class RequestView implements RequestInfo {
    private final EngineRequest snapshot;

    RequestView(String path, String rawQuery, Map<String, List<String>> headers, String remoteAddress,
                boolean secure, Principal principal) {
        this.snapshot = new EngineRequest(Requests.parseQuery(rawQuery), headers, remoteAddress, secure,
                rawQuery == null ? path : path + "?" + rawQuery, System.currentTimeMillis(), principal);
    }

    /** The snapshot of an HTTP request (a polling request, or the request asking for a WebSocket upgrade). */
    RequestView(HttpServletRequest request) {
        this(request.getRequestURI(), request.getQueryString(), Requests.headersOf(request), request.getRemoteAddr(),
                request.isSecure(), request.getUserPrincipal());
    }

    @Override
    public String query(String name) {
        return snapshot.query(name);
    }

    @Override
    public Map<String, String> queryParameters() {
        return snapshot.queryParameters();
    }

    @Override
    public String header(String name) {
        return snapshot.header(name);
    }

    @Override
    public Map<String, List<String>> headers() {
        return snapshot.headers();
    }

    @Override
    public String remoteAddress() {
        return snapshot.remoteAddress();
    }

    @Override
    public boolean secure() {
        return snapshot.secure();
    }

    @Override
    public String url() {
        return snapshot.url();
    }

    @Override
    public Principal principal() {
        return snapshot.principal();
    }
}
