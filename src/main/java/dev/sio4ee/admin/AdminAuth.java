package dev.sio4ee.admin;

/**
 * Checks the username and password the admin UI sends when it logs in. Called in the admin namespace's
 * middleware, on the connecting socket's dispatcher (an executor thread, never a timer's or a request's), so it may
 * block (an LDAP or database look-up). The CDI layer provides one backed by the container's Jakarta Security
 * identity stores; {@link #bcrypt} is Node's {@code {type: "basic", username, password: <bcrypt hash>}}.
 *
 * <pre>{@code
 * AdminAuth auth = AdminAuth.bcrypt("admin", "$2b$10$heqvAkYMez.Va6Et2uXInOnkCT6/uQj1brkrbyG3LpopDklcq7ZOS");
 * AdminAuth custom = (user, password) -> "ops".equals(user) && vault.matches(password);
 * }</pre>
 */
@FunctionalInterface
public interface AdminAuth {

    /**
     * Whether these credentials may use the admin UI.
     * <pre>{@code if (auth.check("admin", "changeit")) ...}</pre>
     *
     * @param username the name typed in the UI (may be null)
     * @param password the password typed in the UI (may be null)
     * @return true to let the UI in
     */
    boolean check(String username, String password);

    /**
     * Node's basic authentication: one user whose password is stored as a bcrypt hash ({@code $2a$}, {@code $2b$}
     * or {@code $2y$}, as {@code bcryptjs} and {@code htpasswd -B} make them). Needs Spring Security's
     * {@code spring-security-crypto} jar (the WAR packs it).
     * <pre>{@code AdminAuth.bcrypt("admin", "$2b$10$...")}</pre>
     *
     * @param username the user name
     * @param hash     the bcrypt hash of the password
     * @return the check
     * @throws IllegalArgumentException when the hash is not a bcrypt hash (as Node's "must be a valid bcrypt hash")
     */
    static AdminAuth bcrypt(String username, String hash) {
        return new BcryptAuth(username, hash);
    }
}
