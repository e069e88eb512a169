package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.SocketIoSetup;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/** Test application: a dynamic namespace /dyn-N, whose children the unqualified observers see too. */
@ApplicationScoped
public class DynamicSetup implements SocketIoSetup {

    @Override
    public void configure(SocketIoServer io) {
        io.of(Pattern.compile("^/dyn-\\d+$")).onConnection(s -> s.emit("ready", s.id()));
    }
}
