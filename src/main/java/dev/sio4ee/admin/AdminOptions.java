package dev.sio4ee.admin;

import java.util.Objects;

/**
 * The options of the admin UI, as those of Node's {@code instrument(io, opts)}: the namespace the UI connects to
 * ({@code /admin}), how it logs in (required, as in Node: {@link #withAuth} or, explicitly, {@link #withoutAuth}),
 * whether it may act ({@code readOnly}), how much it hears ({@link AdminMode}), the id this server shows in the UI
 * (the host name by default), and how long a login session lasts (a day, as Node's Redis store).
 *
 * <pre>{@code
 * AdminOptions options = AdminOptions.withAuth(AdminAuth.bcrypt("admin", hash))
 *         .withReadOnly(true).withMode(AdminMode.PRODUCTION).withServerId("node-1");
 * AdminUi.instrument(io, options);
 * }</pre>
 *
 * @param namespace             the admin namespace (default {@code /admin})
 * @param auth                  the login check, or null for none
 * @param readOnly              whether the UI's actions (emit, join, leave, disconnect) are refused
 * @param mode                  development (every event) or production (stats only)
 * @param serverId              the id of this server in the UI, or null for the host name
 * @param sessionDurationMillis how long a login session stays valid
 */
public record AdminOptions(String namespace, AdminAuth auth, boolean readOnly, AdminMode mode, String serverId,
                           long sessionDurationMillis) {
    /** The default login session length: one day, as Node's {@code RedisStore}. */
    public static final long DEFAULT_SESSION_DURATION = 86_400_000L;

    /**
     * Checks the values and adds the namespace's leading {@code /}.
     * <pre>{@code new AdminOptions("/admin", null, false, AdminMode.DEVELOPMENT, null, 86_400_000L)}</pre>
     *
     * @param namespace             see the record doc
     * @param auth                  see the record doc
     * @param readOnly              see the record doc
     * @param mode                  see the record doc
     * @param serverId              see the record doc
     * @param sessionDurationMillis see the record doc
     */
    public AdminOptions {
        Objects.requireNonNull(namespace, "namespace");
        namespace = namespace.startsWith("/") ? namespace : "/" + namespace;
        Objects.requireNonNull(mode, "mode");
        if (sessionDurationMillis <= 0) {
            throw new IllegalArgumentException("session duration must be positive, got " + sessionDurationMillis);
        }
    }

    /**
     * The defaults with a login check.
     * <pre>{@code AdminOptions.withAuth((user, password) -> ...)}</pre>
     *
     * @param auth the check
     * @return the options
     */
    public static AdminOptions withAuth(AdminAuth auth) {
        return new AdminOptions("/admin", Objects.requireNonNull(auth, "auth"), false, AdminMode.DEVELOPMENT, null,
                DEFAULT_SESSION_DURATION);
    }

    /**
     * The defaults without any login (Node's {@code auth: false}): anyone who reaches the namespace sees and
     * steers the server. For a protected network only.
     * <pre>{@code AdminOptions.withoutAuth().withReadOnly(true)}</pre>
     *
     * @return the options
     */
    public static AdminOptions withoutAuth() {
        return new AdminOptions("/admin", null, false, AdminMode.DEVELOPMENT, null, DEFAULT_SESSION_DURATION);
    }

    /**
     * Another namespace.
     * <pre>{@code options.withNamespace("/ops")}</pre>
     *
     * @param name the namespace
     * @return new options
     */
    public AdminOptions withNamespace(String name) {
        return new AdminOptions(name, auth, readOnly, mode, serverId, sessionDurationMillis);
    }

    /**
     * Read-only or not.
     * <pre>{@code options.withReadOnly(true)}</pre>
     *
     * @param value whether the UI's actions are refused
     * @return new options
     */
    public AdminOptions withReadOnly(boolean value) {
        return new AdminOptions(namespace, auth, value, mode, serverId, sessionDurationMillis);
    }

    /**
     * Another mode.
     * <pre>{@code options.withMode(AdminMode.PRODUCTION)}</pre>
     *
     * @param value the mode
     * @return new options
     */
    public AdminOptions withMode(AdminMode value) {
        return new AdminOptions(namespace, auth, readOnly, value, serverId, sessionDurationMillis);
    }

    /**
     * Another server id.
     * <pre>{@code options.withServerId("eu-1")}</pre>
     *
     * @param value the id, or null for the host name
     * @return new options
     */
    public AdminOptions withServerId(String value) {
        return new AdminOptions(namespace, auth, readOnly, mode, value, sessionDurationMillis);
    }

    /**
     * Another session length.
     * <pre>{@code options.withSessionDuration(3_600_000)}</pre>
     *
     * @param millis how long a login session stays valid
     * @return new options
     */
    public AdminOptions withSessionDuration(long millis) {
        return new AdminOptions(namespace, auth, readOnly, mode, serverId, millis);
    }
}
