package dev.sio4ee.jakarta;

import dev.sio4ee.admin.SocketIoMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hands sio4ee's meters to the metrics APIs this server offers the application, looked up at run time: MicroProfile
 * Metrics (Payara Micro's {@code /metrics}), Micrometer (WildFly's {@code micrometer} subsystem). Where there is
 * neither, nothing is registered and the WAR runs as before; the counters stay readable through
 * {@link #METRICS_PATH}.
 *
 * <pre>{@code
 * List<String> apis = MonitoringBinding.bind(metrics, getClass().getClassLoader()); // ["MicroProfile Metrics"]
 * }</pre>
 */
public final class MonitoringBinding {
    /** Whether sio4ee counts and registers its meters (default true). */
    public static final String METRICS = "dev.sio4ee.METRICS";
    /**
     * Where the WAR serves the meters as JSON, relative to the context root (default: not served), e.g.
     * {@code /sio4ee-metrics}.
     */
    public static final String METRICS_PATH = "dev.sio4ee.METRICS_PATH";

    private static final System.Logger LOG = System.getLogger(MonitoringBinding.class.getName());

    private MonitoringBinding() {
    }

    /**
     * Binds the meters to every metrics API found.
     * <pre>{@code MonitoringBinding.bind(metrics, loader)}</pre>
     *
     * @param metrics the meters
     * @param loader  the application's class loader, where the server's APIs are visible
     * @return the names of the APIs bound (empty when the server offers none)
     */
    public static List<String> bind(SocketIoMetrics metrics, ClassLoader loader) {
        List<String> bound = new ArrayList<>();
        if (present("org.eclipse.microprofile.metrics.MetricRegistry", loader)) {
            bindTo(metrics, MpMetricsSink::lookUp, bound);
        }
        if (present("io.micrometer.core.instrument.MeterRegistry", loader)) {
            bindTo(metrics, MicrometerSink::lookUp, bound);
        }
        return bound;
    }

    private static void bindTo(SocketIoMetrics metrics, Supplier<SocketIoMetrics.Sink> lookUp, List<String> bound) {
        try {
            SocketIoMetrics.Sink sink = lookUp.get();
            if (sink != null) {
                metrics.bind(sink);
                bound.add(sink.toString());
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.INFO, "sio4ee: a metrics API is there but cannot be used: {0}", e.toString());
        }
    }

    private static boolean present(String className, ClassLoader loader) {
        try {
            Class.forName(className, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
