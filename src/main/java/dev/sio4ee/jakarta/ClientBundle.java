package dev.sio4ee.jakarta;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The official browser client, served like the Node server's {@code serveClient}: {@code <path>socket.io.js},
 * {@code socket.io.min.js}, {@code socket.io.esm.min.js} and their source maps. The build fetches the
 * {@code socket.io-client} package from npm and copies its {@code dist} files under {@link #RESOURCE_DIR}; the
 * {@code ETag} is the client's version, quoted, and a request whose {@code If-None-Match} carries it (strong or
 * weak) gets {@code 304}. Scripts are {@code application/javascript; charset=utf-8}, maps
 * {@code application/json; charset=utf-8}, with {@code Cache-Control: public, max-age=0}; gzip when the client
 * accepts it.
 *
 * <pre>{@code
 * ClientBundle bundle = ClientBundle.load(getClass().getClassLoader()).orElseThrow();
 * Optional<ClientBundle.Reply> r = bundle.answer("GET", "/socket.io.min.js", null, "gzip");
 * }</pre>
 */
public final class ClientBundle {
    /** Where the build puts the client's files, on the class path. */
    public static final String RESOURCE_DIR = "META-INF/sio4ee/client/";
    /** The files served, as the Node server names them (the msgpack bundle is left out: sio4ee speaks JSON). */
    public static final List<String> FILES = List.of("socket.io.js", "socket.io.js.map", "socket.io.min.js",
            "socket.io.min.js.map", "socket.io.esm.min.js", "socket.io.esm.min.js.map");

    private static final int GZIP_MIN = 1024;

    private final String version;
    private final String etag;
    private final Map<String, byte[]> files;
    private final Map<String, byte[]> gzipped = new ConcurrentHashMap<>();

    private ClientBundle(String version, Map<String, byte[]> files) {
        this.version = version;
        this.etag = '"' + version + '"';
        Map<String, byte[]> served = new LinkedHashMap<>(files);
        served.keySet().retainAll(FILES);
        this.files = Map.copyOf(served);
    }

    /**
     * A bundle over files in memory (for tests, or an application that ships its own build of the client).
     * <pre>{@code ClientBundle.of("4.8.1", Map.of("socket.io.js", bytes))}</pre>
     *
     * @param version the client version (the ETag)
     * @param files   file name to content; names outside {@link #FILES} are never served
     * @return the bundle
     */
    public static ClientBundle of(String version, Map<String, byte[]> files) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("the client version is required");
        }
        return new ClientBundle(version, files);
    }

    /**
     * Reads the bundle the build put under {@link #RESOURCE_DIR}; empty when it is not there (a build without
     * npm), so the server simply does not serve the client.
     * <pre>{@code ClientBundle.load(EngineIoServlet.class.getClassLoader())}</pre>
     *
     * @param loader where to look
     * @return the bundle, or empty
     */
    public static Optional<ClientBundle> load(ClassLoader loader) {
        byte[] packageJson = read(loader, RESOURCE_DIR + "package.json");
        if (packageJson == null) {
            return Optional.empty();
        }
        String version;
        try (JsonReader r = Json.createReader(new StringReader(new String(packageJson, StandardCharsets.UTF_8)))) {
            version = r.readObject().getString("version", null);
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            byte[] bytes = read(loader, RESOURCE_DIR + name);
            if (bytes != null) {
                files.put(name, bytes);
            }
        }
        return version == null || files.isEmpty() ? Optional.empty() : Optional.of(new ClientBundle(version, files));
    }

    /**
     * The client version, which is also the ETag (quoted).
     * <pre>{@code bundle.version() // "4.8.1"}</pre>
     *
     * @return the version
     */
    public String version() {
        return version;
    }

    /**
     * The names this bundle serves.
     * <pre>{@code bundle.names().contains("socket.io.min.js")}</pre>
     *
     * @return the file names
     */
    public Set<String> names() {
        return files.keySet();
    }

    /**
     * The answer to a request under the Socket.IO path, or empty when it is not for a client file (then the
     * Engine.IO server handles it). Only {@code GET} and {@code HEAD} are answered.
     * <pre>{@code
     * bundle.answer("GET", "/socket.io.js", "\"4.8.1\"", null) // 304
     * }</pre>
     *
     * @param method         the HTTP method
     * @param pathInfo       the path below the Socket.IO path, e.g. {@code /socket.io.js} (query excluded)
     * @param ifNoneMatch    the {@code If-None-Match} header, or null
     * @param acceptEncoding the {@code Accept-Encoding} header, or null
     * @return the reply, or empty
     */
    public Optional<Reply> answer(String method, String pathInfo, String ifNoneMatch, String acceptEncoding) {
        if (pathInfo == null || !("GET".equals(method) || "HEAD".equals(method))) {
            return Optional.empty();
        }
        String name = pathInfo.startsWith("/") ? pathInfo.substring(1) : pathInfo;
        byte[] content = files.get(name);
        if (content == null) {
            return Optional.empty();
        }
        if (ifNoneMatch != null && (ifNoneMatch.equals(etag) || ifNoneMatch.equals("W/" + etag))) {
            return Optional.of(new Reply(304, Map.of(), new byte[0]));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "public, max-age=0");
        headers.put("Content-Type", "application/" + (name.endsWith(".map") ? "json" : "javascript")
                + "; charset=utf-8");
        headers.put("ETag", etag);
        headers.put("Vary", "Accept-Encoding");
        byte[] body = content;
        if (content.length >= GZIP_MIN && acceptsGzip(acceptEncoding)) {
            body = gzipped.computeIfAbsent(name, n -> gzip(content));
            headers.put("Content-Encoding", "gzip");
        }
        return Optional.of(new Reply(200, Map.copyOf(headers), "HEAD".equals(method) ? new byte[0] : body));
    }

    /**
     * What to send back.
     * <pre>{@code reply.headers().forEach(response::setHeader);}</pre>
     *
     * @param status  200 or 304
     * @param headers the response headers
     * @param body    the body (empty for 304 and HEAD)
     */
    public record Reply(int status, Map<String, String> headers, byte[] body) {
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equals("gzip") || p[0].trim().equals("*")) {
                for (int i = 1; i < p.length; i++) {
                    String param = p[i].trim().replace(" ", "");
                    if (param.startsWith("q=") && param.substring(2).matches("0(\\.0*)?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static byte[] gzip(byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length / 3);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }
}
