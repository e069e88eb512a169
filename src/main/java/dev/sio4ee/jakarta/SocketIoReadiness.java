package dev.sio4ee.jakarta;

import dev.sio4ee.cdi.SocketIoRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * MicroProfile Health readiness of sio4ee ({@code /health/ready} on Payara Micro's HTTP port, on WildFly's
 * management port with the {@code microprofile-health-smallrye} subsystem): up while the server runs and, with a
 * Redis adapter, while Redis is reachable; down otherwise, so a load balancer sends no new clients to a node cut
 * off from its cluster. Where the server has no MicroProfile Health, CDI skips this class (its API is missing) and
 * the WAR runs as before.
 *
 * <pre>{@code curl http://127.0.0.1:8080/health/ready   # {"status":"UP","checks":[{"name":"sio4ee",...}]}}</pre>
 */
@Readiness
@ApplicationScoped
public class SocketIoReadiness implements HealthCheck {
    @Inject
    SocketIoRegistry registry;

    /**
     * The check.
     * <pre>{@code new SocketIoReadiness().call().getStatus() // UP}</pre>
     *
     * @return up or down, with whether a Redis adapter is used
     */
    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("sio4ee").status(registry.ready())
                .withData("started", registry.isStarted()).withData("redis", registry.inCluster()).build();
    }
}
