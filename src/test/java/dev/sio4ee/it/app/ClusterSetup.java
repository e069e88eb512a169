package dev.sio4ee.it.app;

import dev.sio4ee.cdi.SocketIoSetup;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Test application for {@code RedisClusterIT}: the deployed sio4ee node answers {@link ClusterCommands}, under the
 * name in the resource {@value #NODE} of the WAR.
 */
@ApplicationScoped
public class ClusterSetup implements SocketIoSetup {
    /** The class path resource naming this node ("A", "B", ...). */
    public static final String NODE = "cluster-node.txt";

    @Override
    public void configure(SocketIoServer io) {
        try (InputStream in = ClusterSetup.class.getResourceAsStream("/" + NODE)) {
            if (in == null) {
                throw new IllegalStateException("no " + NODE + " in the WAR");
            }
            ClusterCommands.install(io, new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
