package dev.sio4ee.jakarta;

import dev.sio4ee.admin.SocketIoMetrics;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Registers sio4ee's meters as MicroProfile Metrics gauges in the application registry (Payara's {@code /metrics}).
 * Looked up only when {@link MonitoringBinding} found the API (nothing else names a MicroProfile Metrics type); a
 * bean, because servers produce the registry for an injection point (where the API is missing, CDI skips this class).
 */
@Dependent
public class MpMetricsSink implements SocketIoMetrics.Sink {
    @Inject
    MetricRegistry registry;

    /** The application registry's sink, or null when CDI has none. */
    static MpMetricsSink lookUp() {
        Instance<MpMetricsSink> found = CDI.current().select(MpMetricsSink.class);
        return found.isResolvable() ? found.get() : null;
    }

    @Override
    public void register(SocketIoMetrics.Meter meter) {
        Tag[] tags = meter.tags().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Tag(e.getKey(), e.getValue())).toArray(Tag[]::new);
        Metadata metadata = Metadata.builder().withName(meter.name())
                .withDescription(meter.kind() == SocketIoMetrics.Kind.COUNTER ? "sio4ee counter (a total)"
                        : "sio4ee gauge").build();
        registry.gauge(metadata, meter.value()::getAsLong, tags);
    }

    @Override
    public String toString() {
        return "MicroProfile Metrics";
    }
}
