package dev.sio4ee.jakarta;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the official admin UI's page ({@code ui/dist} of the npm package {@code @socket.io/admin-ui}, copied by the
 * build under {@link #RESOURCE_DIR}, never committed) at {@link AdminSettings#ADMIN_UI_PATH}. The page is the same
 * as the hosted one; its {@code index.html} gets one small script that pre-fills the connection form with this
 * server's Socket.IO path and admin namespace (the server URL stays for the user to type, as on the hosted UI).
 * Registered by {@link SocketIoBootstrap} when the setting is there; {@code GET} and {@code HEAD} only,
 * {@code ETag} = the UI's version.
 *
 * <pre>{@code
 * AdminUiServlet.load(loader, "/ctx/socket.io", "/admin").ifPresent(s -> ctx.addServlet("sio4ee-admin-ui", s));
 * }</pre>
 */
public final class AdminUiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** Where the build puts the UI's files, on the class path. */
    public static final String RESOURCE_DIR = "META-INF/sio4ee/admin-ui/";
    private static final Pattern SAFE = Pattern.compile("^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "application/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "map", "application/json; charset=utf-8", "svg", "image/svg+xml", "png", "image/png",
            "ico", "image/x-icon", "json", "application/json; charset=utf-8");

    private final transient ClassLoader loader;
    private final String version;
    private final byte[] index;
    private final transient Map<String, byte[]> cache = new ConcurrentHashMap<>();

    private AdminUiServlet(ClassLoader loader, String version, byte[] index) {
        this.loader = loader;
        this.version = version;
        this.index = index;
    }

    /**
     * The servlet, if this build has the UI's files.
     * <pre>{@code AdminUiServlet.load(getClass().getClassLoader(), "/socket.io", "/admin")}</pre>
     *
     * @param loader    where the files are
     * @param ioPath    the Socket.IO path the page should connect to, with the context root, without the trailing
     *                  slash (the UI's own "path" field)
     * @param namespace the admin namespace
     * @return the servlet, or empty when the build has no UI
     */
    public static Optional<AdminUiServlet> load(ClassLoader loader, String ioPath, String namespace) {
        byte[] html = read(loader, "index.html");
        if (html == null) {
            return Optional.empty();
        }
        byte[] pkg = read(loader, "package.json");
        String version = pkg == null ? "0" : versionOf(new String(pkg, StandardCharsets.UTF_8));
        String prefill = "<script>(function(){try{var s=window.localStorage;"
                + "if(!s.getItem(\"path\")){s.setItem(\"path\"," + quote(ioPath) + ");}"
                + "if(!s.getItem(\"namespace\")){s.setItem(\"namespace\"," + quote(namespace) + ");}"
                + "}catch(e){}})();</script>";
        String page = new String(html, StandardCharsets.UTF_8).replaceFirst("<head>",
                java.util.regex.Matcher.quoteReplacement("<head>" + prefill));
        return Optional.of(new AdminUiServlet(loader, version, page.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The UI's version (of its npm package).
     * <pre>{@code servlet.version() // "0.5.1"}</pre>
     *
     * @return the version
     */
    public String version() {
        return version;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, true);
    }

    @Override
    protected void doHead(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        serve(req, resp, false);
    }

    private void serve(HttpServletRequest req, HttpServletResponse resp, boolean body) throws IOException {
        String info = req.getPathInfo();
        if (info == null) {
            resp.sendRedirect(req.getRequestURI() + "/");
            return;
        }
        String rel = info.equals("/") ? "index.html" : info.substring(1);
        byte[] bytes = rel.equals("index.html") ? index : file(rel);
        if (bytes == null) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String etag = "\"" + version + "\"";
        String ifNone = req.getHeader("If-None-Match");
        resp.setHeader("ETag", etag);
        resp.setHeader("Cache-Control", "public, max-age=0");
        if (ifNone != null && (ifNone.equals(etag) || ifNone.equals("W/" + etag))) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        String ext = rel.substring(rel.lastIndexOf('.') + 1);
        resp.setContentType(TYPES.getOrDefault(ext, "application/octet-stream"));
        resp.setContentLength(bytes.length);
        if (body) {
            try (OutputStream out = resp.getOutputStream()) {
                out.write(bytes);
            }
        }
    }

    private byte[] file(String rel) {
        if (!SAFE.matcher(rel).matches() || rel.equals("package.json")) {
            return null;
        }
        byte[] cached = cache.get(rel);
        if (cached != null) {
            return cached;
        }
        byte[] read = read(loader, rel);
        if (read != null) {
            cache.put(rel, read);
        }
        return read;
    }

    private static byte[] read(ClassLoader loader, String rel) {
        URL url = loader.getResource(RESOURCE_DIR + rel);
        if (url == null) {
            return null;
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String versionOf(String packageJson) {
        java.util.regex.Matcher m = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"").matcher(packageJson);
        return m.find() ? m.group(1) : "0";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\u003c") + "\"";
    }
}
