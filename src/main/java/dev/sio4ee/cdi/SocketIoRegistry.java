package dev.sio4ee.cdi;

import dev.sio4ee.engine.AllowRequest;
import dev.sio4ee.engine.EngineConnectionListener;
import dev.sio4ee.engine.EngineOptions;
import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.ExecutorScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

/**
 * The one CDI bean that owns the application's server: created with the web application, started by the
 * container glue with the configured options, closed (every client told "server shutting down") when the
 * application stops.
 *
 * <p>An application that wants raw Engine.IO instead of Socket.IO provides a bean implementing
 * {@link EngineConnectionListener}; it then receives every session. A bean implementing {@link AllowRequest}
 * decides which handshakes may open a session (Node's {@code allowRequest} option).
 *
 * <pre>{@code
 * @Inject SocketIoRegistry registry;
 * int open = registry.engine().clientsCount();
 * }</pre>
 */
@ApplicationScoped
public class SocketIoRegistry {
    private static final System.Logger LOG = System.getLogger(SocketIoRegistry.class.getName());

    @Inject
    Instance<EngineConnectionListener> engineListeners;

    @Inject
    Instance<AllowRequest> allowRequest;

    private EngineServer engine;
    private ExecutorScheduler scheduler;

    /**
     * Starts the server once; later calls return the running one.
     * <pre>{@code EngineServer engine = registry.start(EngineOptions.defaults());}</pre>
     *
     * @param options the engine options
     * @return the running engine
     */
    public synchronized EngineServer start(EngineOptions options) {
        if (engine == null) {
            scheduler = new ExecutorScheduler("sio4ee-timer");
            EngineOptions effective = options;
            if (allowRequest.isResolvable()) {
                effective = options.toBuilder().allowRequest(allowRequest.get()).build();
            }
            engine = new EngineServer(effective, scheduler);
            if (engineListeners.isResolvable()) {
                engine.onConnection(engineListeners.get());
            } else {
                LOG.log(System.Logger.Level.DEBUG, "no EngineConnectionListener bean; sessions are accepted idle");
            }
        }
        return engine;
    }

    /**
     * The running engine.
     * <pre>{@code registry.engine().clientsCount()}</pre>
     *
     * @return the engine
     * @throws IllegalStateException before {@link #start}
     */
    public synchronized EngineServer engine() {
        if (engine == null) {
            throw new IllegalStateException("sio4ee is not started");
        }
        return engine;
    }

    /**
     * Closes every session and stops the timers. Called by the container when the application stops.
     * <pre>{@code registry.stop();}</pre>
     */
    @PreDestroy
    public synchronized void stop() {
        if (engine != null) {
            engine.close();
            scheduler.close();
            engine = null;
        }
    }
}
