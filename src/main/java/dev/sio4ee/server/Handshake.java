package dev.sio4ee.server;

import dev.sio4ee.engine.EngineRequest;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.security.Principal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The details of the connection of a socket, as socket.io's {@code socket.handshake}.
 *
 * <pre>{@code
 * Handshake h = socket.handshake();
 * String token = h.auth().getString("token", null);
 * String room = h.query().get("room");
 * String agent = h.header("user-agent");
 * }</pre>
 *
 * @param headers the headers of the first HTTP request, lower-case names
 * @param query   the query parameters of the first HTTP request (including {@code EIO} and {@code transport})
 * @param auth    the payload of the CONNECT packet ({@code auth} option of the client), empty when none
 * @param address the client's address
 * @param time    the creation date, in JavaScript's {@code Date.toString()} format
 * @param issued  the creation date in epoch milliseconds
 * @param url     the request path and query
 * @param secure  whether the connection is secure (TLS)
 * @param xdomain whether the request is cross-domain (an Origin header was sent)
 * @param principal the authenticated caller of the HTTP handshake (Jakarta Security), or null when anonymous;
 *                  local to this server (not in {@link #toJson()})
 */
public record Handshake(Map<String, List<String>> headers, Map<String, String> query, JsonObject auth,
                        String address, String time, long issued, String url, boolean secure, boolean xdomain,
                        Principal principal) {

    private static final DateTimeFormatter JS_DATE =
            DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx (zzzz)", Locale.US);

    /**
     * Copies the collections.
     *
     * <pre>{@code new Handshake(Map.of(), Map.of(), JsonValue.EMPTY_JSON_OBJECT, "", "", 0, "/", false, false, null)}</pre>
     *
     * @param headers see the record doc
     * @param query   see the record doc
     * @param auth    see the record doc
     * @param address see the record doc
     * @param time    see the record doc
     * @param issued  see the record doc
     * @param url     see the record doc
     * @param secure  see the record doc
     * @param xdomain see the record doc
     * @param principal see the record doc
     */
    public Handshake {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        query = query == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(query));
        auth = auth == null ? JsonValue.EMPTY_JSON_OBJECT : auth;
        address = address == null ? "" : address;
        time = time == null ? "" : time;
        url = url == null ? "" : url;
    }

    /**
     * An anonymous handshake.
     * <pre>{@code new Handshake(Map.of(), Map.of(), JsonValue.EMPTY_JSON_OBJECT, "", "", 0, "/", false, false)}</pre>
     *
     * @param headers see the record doc
     * @param query   see the record doc
     * @param auth    see the record doc
     * @param address see the record doc
     * @param time    see the record doc
     * @param issued  see the record doc
     * @param url     see the record doc
     * @param secure  see the record doc
     * @param xdomain see the record doc
     */
    public Handshake(Map<String, List<String>> headers, Map<String, String> query, JsonObject auth,
                     String address, String time, long issued, String url, boolean secure, boolean xdomain) {
        this(headers, query, auth, address, time, issued, url, secure, xdomain, null);
    }

    /**
     * The handshake of a new socket.
     * <pre>{@code Handshake h = Handshake.of(session.request(), auth, System.currentTimeMillis());}</pre>
     *
     * @param request the request that opened the Engine.IO session
     * @param auth    the CONNECT payload, or null
     * @param now     the creation time, epoch ms
     * @return the handshake
     */
    public static Handshake of(EngineRequest request, JsonObject auth, long now) {
        String time = JS_DATE.format(Instant.ofEpochMilli(now).atZone(ZoneId.systemDefault()));
        return new Handshake(request.headers(), request.queryParameters(), auth, request.remoteAddress(), time,
                now, request.url(), request.secure(), request.header("origin") != null, request.principal());
    }

    /**
     * The first value of a header.
     * <pre>{@code h.header("User-Agent")}</pre>
     *
     * @param name the header name, any case
     * @return the value, or null
     */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * The handshake as Node's JSON (headers joined with {@code ", "}), for cluster messages and the admin UI.
     * <pre>{@code JsonObject json = socket.handshake().toJson(); // {"headers":{...},"time":"...",...}}</pre>
     *
     * @return the JSON object
     */
    public JsonObject toJson() {
        JsonObjectBuilder h = Jsons.object();
        headers.forEach((k, v) -> h.add(k, String.join(", ", v)));
        JsonObjectBuilder q = Jsons.object();
        query.forEach(q::add);
        return Jsons.object().add("headers", h).add("time", time).add("address", address).add("xdomain", xdomain)
                .add("secure", secure).add("issued", issued).add("url", url).add("query", q).add("auth", auth)
                .build();
    }

    /**
     * Reads Node's JSON form (as sent by another server in a cluster).
     * <pre>{@code Handshake h = Handshake.fromJson(details.handshake());}</pre>
     *
     * @param json the JSON object
     * @return the handshake (missing fields empty)
     */
    public static Handshake fromJson(JsonObject json) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (json.get("headers") instanceof JsonObject h) {
            h.forEach((k, v) -> headers.put(k, v instanceof JsonString s ? List.of(s.getString()) : strings(v)));
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (json.get("query") instanceof JsonObject q) {
            q.forEach((k, v) -> query.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
        }
        JsonObject auth = json.get("auth") instanceof JsonObject a ? a : JsonValue.EMPTY_JSON_OBJECT;
        long issued = json.containsKey("issued") && json.get("issued").getValueType() == JsonValue.ValueType.NUMBER
                ? json.getJsonNumber("issued").longValue() : 0L;
        return new Handshake(headers, query, auth, Jsons.string(json, "address", ""), Jsons.string(json, "time", ""),
                issued, Jsons.string(json, "url", ""), json.getBoolean("secure", false),
                json.getBoolean("xdomain", false));
    }

    private static List<String> strings(JsonValue v) {
        List<String> out = new ArrayList<>();
        if (v.getValueType() == JsonValue.ValueType.ARRAY) {
            v.asJsonArray().forEach(e -> out.add(e instanceof JsonString s ? s.getString() : e.toString()));
        } else {
            out.add(v.toString());
        }
        return out;
    }
}
