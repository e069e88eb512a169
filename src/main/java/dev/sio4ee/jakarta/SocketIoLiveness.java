package dev.sio4ee.jakarta;

import dev.sio4ee.cdi.SocketIoRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * MicroProfile Health liveness of sio4ee ({@code /health/live}): up while the server is started; it does not
 * depend on Redis (a lost Redis makes the node not ready, not dead: restarting it would not bring Redis back).
 * Skipped by CDI where the server has no MicroProfile Health.
 *
 * <pre>{@code curl http://127.0.0.1:8080/health/live   # {"status":"UP","checks":[{"name":"sio4ee-live",...}]}}</pre>
 */
@Liveness
@ApplicationScoped
public class SocketIoLiveness implements HealthCheck {
    @Inject
    SocketIoRegistry registry;

    /**
     * The check.
     * <pre>{@code new SocketIoLiveness().call().getStatus() // UP}</pre>
     *
     * @return up while started
     */
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sio4ee-live").status(registry.isStarted()).build();
    }
}
