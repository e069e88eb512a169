package dev.sio4ee.jakarta;

import dev.sio4ee.admin.SocketIoMetrics;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.TreeMap;

/**
 * Serves sio4ee's meters as JSON at {@link MonitoringBinding#METRICS_PATH}, for servers without a metrics API and
 * for quick looks: {@code {"meters":[{"name":"sio4ee.clients.connected","kind":"GAUGE",
 * "tags":{"namespace":"/","transport":"websocket"},"value":2}, ...]}}.
 *
 * <pre>{@code ctx.addServlet("sio4ee-metrics", new MetricsServlet(metrics)).addMapping("/sio4ee-metrics");}</pre>
 */
final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient SocketIoMetrics metrics;

    MetricsServlet(SocketIoMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonArrayBuilder meters = Json.createArrayBuilder();
        for (SocketIoMetrics.Sample s : metrics.samples()) {
            JsonObjectBuilder tags = Json.createObjectBuilder();
            new TreeMap<>(s.tags()).forEach(tags::add);
            meters.add(Json.createObjectBuilder().add("name", s.name()).add("kind", s.kind().name())
                    .add("tags", tags).add("value", s.value()));
        }
        resp.setContentType("application/json");
        resp.setCharacterEncoding("UTF-8");
        resp.setHeader("Cache-Control", "no-store");
        resp.getWriter().write(Json.createObjectBuilder().add("meters", meters).build().toString());
    }
}
