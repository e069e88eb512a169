package dev.sio4ee.jakarta;

import dev.sio4ee.admin.AdminAuth;
import dev.sio4ee.admin.AdminMode;
import dev.sio4ee.admin.AdminOptions;
import dev.sio4ee.cdi.IdentityStoreAdminAuth;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The admin UI's settings, read like every other {@link Settings} (system property, environment variable
 * {@code SIO4EE_ADMIN_UI...}, MicroProfile Config, context-param). Off unless {@link #ADMIN_UI} is true; then
 * {@link #ADMIN_UI_AUTH} must say how the UI logs in, as Node's admin UI requires its {@code auth} option.
 *
 * <pre>{@code
 * AdminSettings admin = AdminSettings.of(Settings.from(ctx::getInitParameter));
 * if (admin.enabled()) AdminUi.instrument(io, admin.options(stores::get));
 * }</pre>
 */
public final class AdminSettings {
    /** Whether the admin UI's namespace is on (default false). */
    public static final String ADMIN_UI = "dev.sio4ee.ADMIN_UI";
    /** The admin namespace (default {@code /admin}). */
    public static final String ADMIN_UI_NAMESPACE = "dev.sio4ee.ADMIN_UI_NAMESPACE";
    /**
     * How the UI logs in: {@code container} (the container's Jakarta Security identity stores, caller in
     * {@link #ADMIN_UI_ROLE}), {@code bcrypt} ({@link #ADMIN_UI_USERNAME} and the bcrypt hash
     * {@link #ADMIN_UI_PASSWORD}, as Node's basic auth) or {@code none}. Required when the UI is on.
     */
    public static final String ADMIN_UI_AUTH = "dev.sio4ee.ADMIN_UI_AUTH";
    /** The group a caller needs with {@code container} login (default {@code socketio-admin}). */
    public static final String ADMIN_UI_ROLE = "dev.sio4ee.ADMIN_UI_ROLE";
    /** The user name of the {@code bcrypt} login. */
    public static final String ADMIN_UI_USERNAME = "dev.sio4ee.ADMIN_UI_USERNAME";
    /** The bcrypt hash of the {@code bcrypt} login's password (never the password itself). */
    public static final String ADMIN_UI_PASSWORD = "dev.sio4ee.ADMIN_UI_PASSWORD";
    /** Whether the UI may only watch (default false). */
    public static final String ADMIN_UI_READ_ONLY = "dev.sio4ee.ADMIN_UI_READ_ONLY";
    /** {@code development} (default: every socket and event) or {@code production} (stats only). */
    public static final String ADMIN_UI_MODE = "dev.sio4ee.ADMIN_UI_MODE";
    /** The id of this server in the UI (default: the host name). */
    public static final String ADMIN_UI_SERVER_ID = "dev.sio4ee.ADMIN_UI_SERVER_ID";
    /** ms a login session lasts (default 86400000, a day). */
    public static final String ADMIN_UI_SESSION_DURATION = "dev.sio4ee.ADMIN_UI_SESSION_DURATION";
    /** Where the WAR serves the UI's page, relative to the context root (default: not served), e.g. {@code /admin-ui/}. */
    public static final String ADMIN_UI_PATH = "dev.sio4ee.ADMIN_UI_PATH";

    /** Every admin UI setting name. */
    public static final List<String> NAMES = List.of(ADMIN_UI, ADMIN_UI_NAMESPACE, ADMIN_UI_AUTH, ADMIN_UI_ROLE,
            ADMIN_UI_USERNAME, ADMIN_UI_PASSWORD, ADMIN_UI_READ_ONLY, ADMIN_UI_MODE, ADMIN_UI_SERVER_ID,
            ADMIN_UI_SESSION_DURATION, ADMIN_UI_PATH);

    private final Settings settings;

    private AdminSettings(Settings settings) {
        this.settings = settings;
    }

    /**
     * The admin UI settings among these settings.
     * <pre>{@code AdminSettings.of(settings).enabled()}</pre>
     *
     * @param settings the settings
     * @return the admin UI's view of them
     */
    public static AdminSettings of(Settings settings) {
        return new AdminSettings(settings);
    }

    /**
     * Whether the admin namespace is on.
     * <pre>{@code admin.enabled() // false unless dev.sio4ee.ADMIN_UI=true}</pre>
     *
     * @return true when {@link #ADMIN_UI} is true
     * @throws IllegalArgumentException when it is neither true nor false
     */
    public boolean enabled() {
        return bool(ADMIN_UI, false);
    }

    /**
     * Where the WAR serves the UI's page, normalised to {@code /name/}, or null when it is not served.
     * <pre>{@code admin.path() // "/admin-ui/"}</pre>
     *
     * @return the path, or null
     */
    public String path() {
        String p = settings.value(ADMIN_UI_PATH);
        if (p == null) {
            return null;
        }
        p = p.startsWith("/") ? p : "/" + p;
        p = p.endsWith("/") ? p : p + "/";
        if (p.equals("/")) {
            throw new IllegalArgumentException(ADMIN_UI_PATH + " must name a path under the context root, not /");
        }
        return p;
    }

    /**
     * The admin UI's options.
     * <pre>{@code AdminOptions o = admin.options(stores::get);}</pre>
     *
     * @param identityStores the container's identity store handler, for the {@code container} login
     * @return the options
     * @throws IllegalArgumentException naming the setting whose value is missing or invalid
     */
    public AdminOptions options(Supplier<IdentityStoreHandler> identityStores) {
        String auth = settings.value(ADMIN_UI_AUTH);
        if (auth == null) {
            throw new IllegalArgumentException(ADMIN_UI_AUTH + " must be set when " + ADMIN_UI + " is true: "
                    + "container, bcrypt or none");
        }
        AdminOptions o = switch (auth.toLowerCase(Locale.ROOT)) {
            case "container" -> AdminOptions.withAuth(new IdentityStoreAdminAuth(identityStores,
                    or(settings.value(ADMIN_UI_ROLE), IdentityStoreAdminAuth.DEFAULT_ROLE)));
            case "bcrypt" -> AdminOptions.withAuth(bcrypt());
            case "none" -> AdminOptions.withoutAuth();
            default -> throw new IllegalArgumentException(ADMIN_UI_AUTH + " must be container, bcrypt or none, got '"
                    + auth + "'");
        };
        String nsp = settings.value(ADMIN_UI_NAMESPACE);
        if (nsp != null) {
            o = o.withNamespace(nsp);
        }
        o = o.withReadOnly(bool(ADMIN_UI_READ_ONLY, false));
        String mode = settings.value(ADMIN_UI_MODE);
        if (mode != null) {
            try {
                o = o.withMode(AdminMode.parse(mode));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ADMIN_UI_MODE + ": " + e.getMessage(), e);
            }
        }
        o = o.withServerId(settings.value(ADMIN_UI_SERVER_ID));
        String duration = settings.value(ADMIN_UI_SESSION_DURATION);
        if (duration != null) {
            try {
                o = o.withSessionDuration(Long.parseLong(duration));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(ADMIN_UI_SESSION_DURATION + " must be a positive number of ms, got '"
                        + duration + "'", e);
            }
        }
        return o;
    }

    private AdminAuth bcrypt() {
        String user = settings.value(ADMIN_UI_USERNAME);
        String hash = settings.value(ADMIN_UI_PASSWORD);
        if (user == null || hash == null) {
            throw new IllegalArgumentException(ADMIN_UI_AUTH + "=bcrypt needs " + ADMIN_UI_USERNAME + " and "
                    + ADMIN_UI_PASSWORD + " (a bcrypt hash)");
        }
        try {
            return AdminAuth.bcrypt(user, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ADMIN_UI_PASSWORD + ": " + e.getMessage(), e);
        }
    }

    private boolean bool(String name, boolean otherwise) {
        String v = settings.value(name);
        if (v == null) {
            return otherwise;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException(name + " must be true or false, got '" + v + "'");
    }

    private static String or(String v, String otherwise) {
        return v == null ? otherwise : v;
    }
}
