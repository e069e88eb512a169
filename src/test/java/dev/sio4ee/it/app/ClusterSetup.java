package dev.sio4ee.it.app;

import dev.sio4ee.cdi.SocketIoSetup;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;

/**
 * Test application for {@code RedisClusterIT}: the deployed sio4ee node answers {@link ClusterCommands}, under the
 * name given by the context-param {@value #NODE}.
 */
@ApplicationScoped
public class ClusterSetup implements SocketIoSetup {
    /** The context-param naming this node ("A", "B", ...). */
    public static final String NODE = "test.node";

    @Inject
    ServletContext context;

    @Override
    public void configure(SocketIoServer io) {
        ClusterCommands.install(io, context.getInitParameter(NODE));
    }
}
