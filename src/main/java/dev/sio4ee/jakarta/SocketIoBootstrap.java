package dev.sio4ee.jakarta;

import dev.sio4ee.adapter.redis.RedisConfig;
import dev.sio4ee.cdi.SocketIoRegistry;
import dev.sio4ee.engine.EngineServer;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Locale;
import java.util.concurrent.Executor;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Starts sio4ee with the web application: reads the {@link Settings}, starts the registry's server (the settings
 * that are set win over the options of the {@code SocketIoSetup} beans), and registers the long-polling servlet
 * ({@code <path>*}) and the WebSocket endpoint ({@code <path>}, plus the path without its trailing slash) at the
 * path of the server's options; the servlet also serves the browser client
 * ({@link ClientBundle}) unless {@link Settings#SERVE_CLIENT} is false. With {@link Settings#ADAPTER} set to a Redis
 * adapter, the server joins its cluster (incoming Redis messages handled on the container's default managed
 * executor) and leaves it when the application stops. Nothing to declare: being in the WAR is enough.
 */
@WebListener
public class SocketIoBootstrap implements ServletContextListener {
    private static final System.Logger LOG = System.getLogger(SocketIoBootstrap.class.getName());

    @Inject
    SocketIoRegistry registry;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext ctx = event.getServletContext();
        Settings settings = Settings.from(ctx::getInitParameter);
        RedisConfig redis = settings.redis();
        Executor executor = settings.executor().map(SocketIoBootstrap::managedExecutor).orElse(null);
        if (executor != null && capturesThroughServiceLoader(ctx.getServerInfo())) {
            executor = new QuickCaptureExecutor(executor);
        }
        EngineServer engine = registry.start(settings::applyTo, settings.namespaces(), redis, executor);
        String path = engine.options().path(); // the settings', or else the SocketIoSetup beans'
        String bare = path.substring(0, path.length() - 1);

        ClientBundle client = null;
        if (settings.serveClient()) {
            client = ClientBundle.load(EngineIoServlet.class.getClassLoader()).orElse(null);
            if (client == null) {
                LOG.log(System.Logger.Level.INFO, "sio4ee: no client bundle in this build, {0}socket.io.js is not "
                        + "served", path);
            }
        }
        ServletRegistration.Dynamic servlet = ctx.addServlet("sio4ee-engine", new EngineIoServlet(engine, client));
        if (servlet == null) {
            throw new IllegalStateException("a servlet named sio4ee-engine is already registered");
        }
        servlet.setAsyncSupported(true);
        servlet.setLoadOnStartup(1);
        servlet.addMapping(bare + "/*");

        // before the container's own WebSocket filter: refused upgrades get HTTP 400, as in Node
        UpgradeAddresses addresses = new UpgradeAddresses();
        var filter = ctx.addFilter("sio4ee-upgrade", new UpgradeFilter(engine, addresses));
        filter.setAsyncSupported(true);
        filter.addMappingForUrlPatterns(null, false, bare + "/*", bare.isEmpty() ? "/" : bare);

        Object attr = ctx.getAttribute(ServerContainer.class.getName());
        if (!(attr instanceof ServerContainer container)) {
            throw new IllegalStateException("no WebSocket container in this web application "
                    + "(is the server's WebSocket support enabled?)");
        }
        EndpointConfigurator configurator = new EndpointConfigurator(engine, addresses);
        try {
            container.addEndpoint(ServerEndpointConfig.Builder.create(EngineIoEndpoint.class, path)
                    .configurator(configurator).build());
            if (!bare.isEmpty()) {
                container.addEndpoint(ServerEndpointConfig.Builder.create(EngineIoEndpoint.class, bare)
                        .configurator(configurator).build());
            }
        } catch (DeploymentException e) {
            throw new IllegalStateException("could not register the WebSocket endpoint at " + path, e);
        }
        LOG.log(System.Logger.Level.INFO, "sio4ee listening at {0}{1} (polling and WebSocket){2}",
                ctx.getContextPath(), path, client == null ? "" : ", serving socket.io-client " + client.version());
    }

    /**
     * The managed executor with this JNDI name (by default the platform's
     * {@code java:comp/DefaultManagedExecutorService}, which every Jakarta EE platform has), where application
     * code runs; null (sio4ee's own pool) when there is none.
     */
    static Executor managedExecutor(String jndiName) {
        try {
            Object found = new InitialContext().lookup(jndiName);
            if (found instanceof Executor executor) {
                LOG.log(System.Logger.Level.DEBUG, "sio4ee: application code runs on {0}", jndiName);
                return executor;
            }
            LOG.log(System.Logger.Level.INFO, "sio4ee: {0} is not an executor ({1}); using sio4ee''s own pool",
                    jndiName, found);
        } catch (NamingException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "sio4ee: no {0} ({1}); using sio4ee''s own pool", jndiName,
                    e.toString());
        }
        return null;
    }

    /**
     * Whether the server's managed executor looks its context providers up with a ServiceLoader for each task
     * (Payara and GlassFish: {@link QuickCaptureExecutor} fronts it there; other servers' executors stay as they
     * are).
     */
    static boolean capturesThroughServiceLoader(String serverInfo) {
        String s = serverInfo == null ? "" : serverInfo.toLowerCase(Locale.ROOT);
        return s.contains("payara") || s.contains("glassfish");
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        registry.stop();
    }
}
