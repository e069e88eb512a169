package dev.sio4ee.admin;

import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCrypt;

/** {@link AdminAuth#bcrypt}: the one place that touches the bcrypt library (loaded only when chosen). */
final class BcryptAuth implements AdminAuth {
    private static final Pattern HASH = Pattern.compile("^\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}$");

    private final String username;
    private final String hash;

    BcryptAuth(String username, String hash) {
        this.username = Objects.requireNonNull(username, "username");
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("the admin UI password must be a valid bcrypt hash");
        }
        this.hash = hash;
    }

    @Override
    public boolean check(String user, String password) {
        if (!username.equals(user) || password == null) {
            return false;
        }
        try {
            return BCrypt.checkpw(password, hash);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "bcrypt(" + username + ")";
    }
}
