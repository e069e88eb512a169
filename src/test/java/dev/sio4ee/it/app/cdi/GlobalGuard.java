package dev.sio4ee.it.app.cdi;

import dev.sio4ee.cdi.ConnectionGuard;
import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.Socket;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test application: a guard of every namespace, first by priority; refuses clients whose auth says banned. */
@ApplicationScoped
@Priority(5)
public class GlobalGuard implements ConnectionGuard {

    @Override
    public Optional<ConnectError> check(Socket socket, Principal caller) {
        trail(socket).add("global");
        socket.data().put("caller", caller == null ? "anonymous" : caller.getName());
        if (socket.handshake().auth().getBoolean("banned", false)) {
            return Optional.of(new ConnectError("banned", Map.of("everywhere", true)));
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static List<String> trail(Socket socket) {
        return (List<String>) socket.data().computeIfAbsent("guards", k -> new ArrayList<String>());
    }
}
