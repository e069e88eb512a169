package dev.sio4ee.cdi;

import dev.sio4ee.adapter.Adapter;
import dev.sio4ee.adapter.redis.RedisConfig;
import dev.sio4ee.adapter.redis.RedisNode;
import dev.sio4ee.engine.AllowRequest;
import dev.sio4ee.engine.EngineConnectionListener;
import dev.sio4ee.engine.EngineOptions;
import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.ExecutorScheduler;
import dev.sio4ee.server.SocketIoOptions;
import dev.sio4ee.server.SocketIoServer;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.RequestContextController;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;

/**
 * The one CDI bean that owns the application's server: created with the web application, started by the
 * container glue with the configured options, closed (every client told "server shutting down") when the
 * application stops.
 *
 * <p>By default the server speaks Socket.IO and fires CDI events for every socket ({@link SocketConnected},
 * {@link SocketEventReceived}, {@link SocketDisconnecting}, {@link SocketDisconnected}); {@link ConnectionGuard}
 * beans decide who may connect; beans implementing {@link SocketIoSetup} configure it at start, and
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
    /** The order of a guard without {@code @Priority}: after the prioritised ones. */
    private static final int DEFAULT_GUARD_PRIORITY = Integer.MAX_VALUE;

    @Inject
    Instance<EngineConnectionListener> engineListeners;

    @Inject
    Instance<AllowRequest> allowRequest;

    @Inject
    Instance<SocketIoSetup> setups;

    @Inject
    BeanManager beanManager;

    @Inject
    @Any
    Event<Object> events;

    @Inject
    Instance<RequestContextController> requestContexts;

    @Inject
    SocketIoExtension extension;

    private EngineServer engine;
    private SocketIoServer io;
    private ExecutorScheduler scheduler;
    private Jsonb jsonb;
    private ClassLoader applicationLoader;
    private Routes routes;
    /** The Redis connection when in a cluster (typed AutoCloseable: this bean's signatures name no Redis type). */
    private AutoCloseable cluster;

    /**
     * Starts the server once, with options decided in this order (each step wins over the one before):
     * sio4ee's defaults, the {@link SocketIoSetup} beans' {@link SocketIoSetup#options}, then {@code settings} (the
     * container glue passes the {@code dev.sio4ee.*} settings that are set: they win over Java). Then the server is
     * created, every setup bean's {@link SocketIoSetup#configure} runs with it, and the namespaces given here and
     * those named by the {@link NamespaceName} qualifier of an observer or a guard are created. Application code
     * (observers, guards, handlers) runs on {@code executor}, the container's {@code ManagedExecutorService}, which
     * the glue looks up; {@code null} starts the engine's own bounded pool. Each socket's deliveries run in order,
     * one at a time, on that executor, and incoming Redis messages are handled there too. With {@code redis} (the
     * setting {@code dev.sio4ee.ADAPTER}) the server joins a Redis cluster: the connection opens now and closes in
     * {@link #stop()}, and, being a setting, it wins over an adapter a setup bean chose. Later calls return the
     * running engine.
     * <pre>{@code
     * registry.start(options -> options, List.of("/chat"), RedisConfig.classic("redis://127.0.0.1:6379"),
     *         managedExecutor);
     * }</pre>
     *
     * @param settings   applies the settings that are set to the options the setup beans produced
     * @param namespaces namespaces to create at start
     * @param redis      the Redis adapter to use, or null for the options' adapter (in memory by default)
     * @param executor   where application code and incoming Redis messages run, or null for the engine's own pool
     *                   (and threads of the Redis connection's own)
     * @return the running engine; its {@link EngineServer#options()} hold the path to serve
     */
    public synchronized EngineServer start(UnaryOperator<SocketIoOptions> settings, Collection<String> namespaces,
                                           RedisConfig redis, Executor executor) {
        if (engine != null) {
            return engine;
        }
        applicationLoader = Thread.currentThread().getContextClassLoader();
        if (engineListeners.isResolvable()) {
            EngineOptions options = withAllowRequest(settings.apply(SocketIoOptions.defaults())).engine();
            scheduler = new ExecutorScheduler("sio4ee-timer");
            engine = new EngineServer(options, scheduler, executor);
            EngineConnectionListener raw = engineListeners.get();
            LOG.log(System.Logger.Level.INFO, "raw Engine.IO mode: sessions go to {0}", raw.getClass().getName());
            if (redis != null) {
                LOG.log(System.Logger.Level.WARNING, "raw Engine.IO mode has no adapter: the {0} is not used", redis);
            }
            engine.onConnection(raw);
            return engine;
        }
        List<SocketIoSetup> setupBeans = setups.stream().toList(); // one instance each for options and configure
        SocketIoOptions options = SocketIoOptions.defaults();
        for (SocketIoSetup setup : setupBeans) {
            options = Objects.requireNonNull(setup.options(options), "SocketIoSetup.options returned null");
        }
        options = settings.apply(options);
        if (redis != null) {
            options = options.withAdapter(joinCluster(redis, executor));
        }
        options = withAllowRequest(options);
        scheduler = new ExecutorScheduler("sio4ee-timer"); // after the options: an invalid one leaves nothing running
        engine = new EngineServer(options.engine(), scheduler, executor);
        LOG.log(System.Logger.Level.DEBUG, "sio4ee: application code runs on {0}",
                executor == null ? "sio4ee's own pool" : executor);
        io = new SocketIoServer(options, scheduler).attach(engine);
        for (SocketIoSetup setup : setupBeans) {
            setup.configure(io);
        }
        Guards guards = new Guards(guardBeans(), this::inApplicationContext);
        Set<String> created = new LinkedHashSet<>(namespaces);
        created.addAll(extension.observedNamespaces());
        guards.entries().stream().map(Guards.Entry::namespace).filter(n -> n != null).forEach(created::add);
        created.forEach(io::of);
        if (!guards.isEmpty()) {
            io.useInEveryNamespace(guards);
        }
        jsonb = JsonbBuilder.create();
        routes = new Routes(this::resolve);
        io.addListener(new SocketEvents(routes, jsonb, this::inApplicationContext));
        LOG.log(System.Logger.Level.INFO, "sio4ee: namespaces {0}, {1} connection guard(s)",
                io.namespaces().keySet(), guards.entries().size());
        return engine;
    }

    /** The options with the {@link AllowRequest} bean as handshake hook, when there is one. */
    private SocketIoOptions withAllowRequest(SocketIoOptions options) {
        return allowRequest.isResolvable() ? options.withEngine(e -> e.withAllowRequest(allowRequest.get()))
                : options;
    }

    /**
     * Opens the Redis connection. The Redis client library is reached only from here, through
     * {@link RedisNode}, and only when a Redis adapter is chosen: a WAR without it runs the in-memory adapter.
     */
    private Adapter.Factory joinCluster(RedisConfig redis, Executor incoming) {
        RedisNode node = RedisNode.open(redis, incoming);
        cluster = node;
        LOG.log(System.Logger.Level.INFO, "sio4ee: in a cluster through the {0}; incoming messages handled on {1}",
                node, incoming == null ? "threads of the Redis connection's own" : "the container's managed executor");
        return node.adapter();
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
     * The Socket.IO server, for injection: {@code @Inject SocketIoServer io}. An application-scoped bean, so what is
     * injected is a proxy that reaches the server on first use: any bean may inject it, a {@link SocketIoSetup}
     * bean included (use it in {@link SocketIoSetup#configure} or later, not in {@link SocketIoSetup#options}, which
     * runs before the server exists).
     * <pre>{@code io.of("/chat").to("lobby").emit("news", "hello");}</pre>
     *
     * @return the server
     * @throws IllegalStateException before the server is created, or in raw Engine.IO mode
     */
    @Produces
    @ApplicationScoped
    @Typed(SocketIoServer.class)
    public synchronized SocketIoServer socketIo() {
        if (io == null) {
            throw new IllegalStateException(engine != null
                    ? "sio4ee runs in raw Engine.IO mode (an EngineConnectionListener bean exists): no SocketIoServer"
                    : "the SocketIoServer does not exist yet: it is created after every SocketIoSetup's options(); "
                    + "use it in configure() or later");
        }
        return io;
    }

    /**
     * The JSON-B instance of the server (the one {@link SocketEventReceived#arg(int, Class)} uses).
     * <pre>{@code String json = registry.jsonb().toJson(line);}</pre>
     *
     * @return the instance
     * @throws IllegalStateException before the server started
     */
    public synchronized Jsonb jsonb() {
        if (jsonb == null) {
            throw new IllegalStateException("sio4ee is not started");
        }
        return jsonb;
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
            leaveCluster();
            engine.close();
            scheduler.close();
            engine = null;
            if (jsonb != null) {
                try {
                    jsonb.close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.DEBUG, "closing JSON-B failed", e);
                }
                jsonb = null;
            }
        }
    }

    /** Closes the Redis connection (its threads end with it). */
    private void leaveCluster() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "sio4ee: closing the Redis connection failed", e);
            }
            cluster = null;
        }
    }

    // ---- the bridge's CDI side ----

    /**
     * Runs a delivery with the application's class loader and a request context of its own: deliveries run on
     * the socket's dispatcher (an executor thread, never an HTTP request's), where none is active, so each one
     * activates a fresh context and destroys it afterwards.
     */
    private void inApplicationContext(Runnable call) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        boolean swap = applicationLoader != null && previous != applicationLoader;
        if (swap) {
            thread.setContextClassLoader(applicationLoader);
        }
        RequestContextController controller = requestContexts.get();
        boolean activated = false;
        try {
            activated = controller.activate();
            call.run();
        } finally {
            if (activated) {
                controller.deactivate();
            }
            requestContexts.destroy(controller);
            if (swap) {
                thread.setContextClassLoader(previous);
            }
        }
    }

    private Routes.Route resolve(Routes.Key key, Object sample) {
        Annotation[] qualifiers = key.event() == null
                ? new Annotation[] {NamespaceName.Literal.of(key.namespace())}
                : new Annotation[] {NamespaceName.Literal.of(key.namespace()), EventName.Literal.of(key.event())};
        Set<ObserverMethod<? super Object>> observers = beanManager.resolveObserverMethods(sample, qualifiers);
        boolean sync = observers.stream().anyMatch(o -> !o.isAsync());
        boolean async = observers.stream().anyMatch(ObserverMethod::isAsync);
        if (!sync && !async) {
            return Routes.Route.NONE;
        }
        Event<Object> selected = events.select(qualifiers);
        return new Routes.Route(sync, async, new Routes.Target() {
            @Override
            public void fire(Object event) {
                selected.fire(event);
            }

            @Override
            public CompletionStage<?> fireAsync(Object event) {
                return selected.fireAsync(event);
            }
        });
    }

    private List<Guards.Entry> guardBeans() {
        List<Guards.Entry> entries = new ArrayList<>();
        for (Bean<?> bean : beanManager.getBeans(ConnectionGuard.class, Any.Literal.INSTANCE)) {
            String nsp = null;
            for (Annotation q : bean.getQualifiers()) {
                if (q instanceof NamespaceName n) {
                    nsp = n.value();
                }
            }
            Priority p = bean.getBeanClass().getAnnotation(Priority.class);
            ConnectionGuard guard = (ConnectionGuard) beanManager.getReference(bean, ConnectionGuard.class,
                    beanManager.createCreationalContext(bean));
            entries.add(new Guards.Entry(nsp, p == null ? DEFAULT_GUARD_PRIORITY : p.value(),
                    bean.getBeanClass().getName(), guard));
        }
        return entries;
    }
}
