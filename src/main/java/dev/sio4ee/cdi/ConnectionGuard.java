package dev.sio4ee.cdi;

import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.Socket;
import java.security.Principal;

/**
 * A bean deciding whether a socket may join a namespace (socket.io's {@code namespace.use(...)} middleware).
 * Guards run before the socket connects, for the namespace named by their {@link NamespaceName} qualifier, or for
 * every namespace without one (dynamic children and namespaces created later included); ordered by
 * {@code @jakarta.annotation.Priority} (lowest first, guards without it last), before the namespace's own
 * middlewares. The first guard that throws {@link ConnectError} refuses the connection: the client receives a
 * CONNECT_ERROR with the error's message and data (also when an EJB container wrapped it). Any other exception
 * is logged and refuses with "connection refused". A namespace named by a guard is created at start.
 *
 * <pre>{@code
 * @ApplicationScoped @NamespaceName("/admin") @Priority(10)
 * public class AdminOnly implements ConnectionGuard {
 *     public void check(Socket socket, Principal caller) {
 *         if (caller == null) throw new ConnectError("not authorized", Map.of("code", 401));
 *     }
 * }
 * }</pre>
 */
public interface ConnectionGuard {

    /**
     * Checks a connection; returns normally to allow it.
     * <pre>{@code if (socket.handshake().auth().isEmpty()) throw new ConnectError("auth required");}</pre>
     *
     * @param socket the socket asking to connect (its handshake, auth payload and data are readable)
     * @param caller the Jakarta Security caller principal of the HTTP handshake, or null when anonymous
     * @throws ConnectError to refuse the connection
     */
    void check(Socket socket, Principal caller);
}
