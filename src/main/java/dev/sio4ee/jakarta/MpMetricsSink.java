package dev.sio4ee.jakarta;

import dev.sio4ee.admin.SocketIoMetrics;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.Map;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Registers sio4ee's meters as MicroProfile Metrics gauges in the application registry (Payara's {@code /metrics}).
 * Loaded only when {@link MonitoringBinding} found the API: nothing else names a MicroProfile Metrics type.
 */
final class MpMetricsSink implements SocketIoMetrics.Sink {
    private final MetricRegistry registry;

    private MpMetricsSink(MetricRegistry registry) {
        this.registry = registry;
    }

    /** The application registry's sink, or null when CDI has no registry bean. */
    static MpMetricsSink lookUp() {
        Instance<MetricRegistry> found = CDI.current().select(MetricRegistry.class);
        return found.isResolvable() ? new MpMetricsSink(found.get()) : null;
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
