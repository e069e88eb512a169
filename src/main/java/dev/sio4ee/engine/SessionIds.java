package dev.sio4ee.engine;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random 20-character base64url identifiers (15 random bytes), the shape of Node's engine and socket ids.
 *
 * <pre>{@code
 * String sid = SessionIds.generate(); // e.g. "Xk3_dQ9aL0PzR2m-b7Yc"
 * }</pre>
 */
public final class SessionIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    /**
     * A new random identifier.
     * <pre>{@code String id = SessionIds.generate();}</pre>
     *
     * @return 20 characters from {@code [A-Za-z0-9_-]}
     */
    public static String generate() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
