package dev.sio4ee.cdi;

import dev.sio4ee.engine.AllowRequest;
import dev.sio4ee.engine.EngineConnectionListener;
import dev.sio4ee.engine.EngineOptions;
import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.ExecutorScheduler;
import dev.sio4ee.server.SocketIoOptions;
import dev.sio4ee.server.SocketIoServer;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

/**
 * The one CDI bean that owns the application's server: created with the web application, started by the
 * container glue with the configured options, closed (every client told "server shutting down") when the
 * application stops.
 *
 * <p>By default the server speaks Socket.IO: beans implementing {@link SocketIoSetup} configure it at start, and
 * {@code @Inject SocketIoServer io} gives it to any bean. An application that wants raw Engine.IO instead of
 * Socket.IO provides a bean implementing
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

    @Inject
    Instance<SocketIoSetup> setups;

    private EngineServer engine;
    private SocketIoServer io;
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
                EngineConnectionListener raw = engineListeners.get();
                LOG.log(System.Logger.Level.INFO, "raw Engine.IO mode: sessions go to {0}", raw.getClass().getName());
                engine.onConnection(raw);
            } else {
                io = new SocketIoServer(socketIoOptions(), scheduler).attach(engine);
                for (SocketIoSetup setup : setups) {
                    setup.configure(io);
                }
            }
        }
        return engine;
    }

    /** The default options, as the setup beans adjust them. */
    private SocketIoOptions socketIoOptions() {
        SocketIoOptions options = SocketIoOptions.defaults();
        for (SocketIoSetup setup : setups) {
            options = setup.options(options);
        }
        return options;
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
     * The Socket.IO server, for injection: {@code @Inject SocketIoServer io}.
     * <pre>{@code io.of("/chat").to("lobby").emit("news", "hello");}</pre>
     *
     * @return the server
     * @throws IllegalStateException before the web application started, or in raw Engine.IO mode
     */
    @Produces
    @Typed(SocketIoServer.class) // not an EngineConnectionListener bean: that type selects raw Engine.IO mode
    public synchronized SocketIoServer socketIo() {
        if (io == null) {
            throw new IllegalStateException(engine == null ? "sio4ee is not started"
                    : "sio4ee runs in raw Engine.IO mode (an EngineConnectionListener bean exists)");
        }
        return io;
    }

    /**
     * Closes every session and stops the timers. Called by the container when the application stops.
     * <pre>{@code registry.stop();}</pre>
     */
    @PreDestroy
    public synchronized void stop() {
        if (engine != null) {
            if (io != null) {
                io.close();
                io = null;
            }
            engine.close();
            scheduler.close();
            engine = null;
        }
    }
}
