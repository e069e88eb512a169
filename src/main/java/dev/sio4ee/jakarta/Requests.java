package dev.sio4ee.jakarta;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Query-string and header helpers shared by the servlet and the endpoint. */
final class Requests {
    private Requests() {
    }

    /** Decodes a query string into first-value-per-name parameters; malformed escapes are kept literally. */
    static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Copies headers with lower-case names. */
    /** The headers of a servlet request, names in lower case. */
    static Map<String, List<String>> headersOf(jakarta.servlet.http.HttpServletRequest request) {
        Map<String, List<String>> h = new java.util.LinkedHashMap<>();
        for (String name : java.util.Collections.list(request.getHeaderNames())) {
            h.put(name, java.util.Collections.list(request.getHeaders(name)));
        }
        return lowerCase(h);
    }

    static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> copy.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return Collections.unmodifiableList(all);
        }));
        return copy;
    }

    static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
