package dev.sio4ee.demo;

import dev.sio4ee.cdi.ConnectionGuard;
import dev.sio4ee.cdi.Namespace;
import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.Socket;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.security.Principal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Lets a browser into {@code /chat} only with a valid nickname that nobody else uses. The page sends it in the
 * CONNECT {@code auth} payload: {@code io("/chat", { auth: { nickname, session } })}. The {@code session} is a
 * random token of the browser tab, so a tab that reconnects after a network drop gets its nickname back even
 * while the server still holds its old, not yet timed-out connection.
 *
 * <pre>{@code
 * // refused: the page's connect_error listener gets err.message "nickname taken" and err.data {field: "nickname"}
 * throw new ConnectError("nickname taken", Map.of("field", "nickname"));
 * }</pre>
 */
@ApplicationScoped
@Namespace(ChatObserver.NSP)
public class NicknameGuard implements ConnectionGuard {
    private static final Pattern NICKNAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.-]{0,19}");

    @Inject
    SocketIoServer io;

    @Override
    public void check(Socket socket, Principal caller) {
        JsonObject auth = socket.handshake().auth();
        String nickname = auth.getString("nickname", "").strip();
        String session = auth.getString("session", "");
        if (!NICKNAME.matcher(nickname).matches()) {
            throw new ConnectError("a nickname is 1 to 20 letters, digits, spaces, dots, dashes or underscores",
                    Map.of("field", "nickname"));
        }
        for (Socket other : io.of(ChatObserver.NSP).sockets().values()) {
            if (nickname.equalsIgnoreCase(ChatObserver.nickname(other))
                    && !(session.length() >= 8 && session.equals(other.data().get("session")))) {
                throw new ConnectError("nickname taken", Map.of("field", "nickname"));
            }
        }
        socket.data().put("nickname", nickname);
        socket.data().put("session", session);
    }
}
