package dev.sio4ee.jakarta;

import dev.sio4ee.admin.SocketIoMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import java.util.function.LongSupplier;

/**
 * Registers sio4ee's meters in the Micrometer registry the server gives the application (WildFly's
 * {@code micrometer} subsystem): counters as function counters, gauges as gauges. Loaded only when
 * {@link MonitoringBinding} found the API: nothing else names a Micrometer type.
 */
final class MicrometerSink implements SocketIoMetrics.Sink {
    private final MeterRegistry registry;

    private MicrometerSink(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The server's registry's sink, or null when CDI has no registry bean. */
    static MicrometerSink lookUp() {
        Instance<MeterRegistry> found = CDI.current().select(MeterRegistry.class);
        return found.isResolvable() ? new MicrometerSink(found.get()) : null;
    }

    @Override
    public void register(SocketIoMetrics.Meter meter) {
        Tags tags = Tags.empty();
        for (var e : meter.tags().entrySet()) {
            tags = tags.and(e.getKey(), e.getValue());
        }
        LongSupplier value = meter.value();
        // the registry's own methods, not the builders' register(registry): WildFly hands each application a
        // wrapper that forwards only these to the server's registry (with the application's tag)
        if (meter.kind() == SocketIoMetrics.Kind.COUNTER) {
            registry.more().counter(meter.name(), tags, value, LongSupplier::getAsLong);
        } else {
            registry.gauge(meter.name(), tags, value, LongSupplier::getAsLong);
        }
    }

    @Override
    public String toString() {
        return "Micrometer";
    }
}
