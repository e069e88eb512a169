package dev.sio4ee.cdi;

import dev.sio4ee.admin.AdminAuth;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The admin UI's login checked by the container's Jakarta Security identity stores (the application's
 * {@code IdentityStore} beans, {@code @DatabaseIdentityStoreDefinition}, {@code @LdapIdentityStoreDefinition}, ...)
 * through their {@link IdentityStoreHandler}: the user name and password must be valid and the caller must be in a
 * group (default {@code socketio-admin}). Turned on by the setting {@code dev.sio4ee.ADMIN_UI_AUTH=container}, or in
 * code:
 *
 * <pre>{@code
 * @Inject Instance<IdentityStoreHandler> stores;
 * public void configure(SocketIoServer io) {
 *     AdminUi.instrument(io, AdminOptions.withAuth(new IdentityStoreAdminAuth(stores::get, "socketio-admin")));
 * }
 * }</pre>
 */
public final class IdentityStoreAdminAuth implements AdminAuth {
    /** The group a caller needs by default. */
    public static final String DEFAULT_ROLE = "socketio-admin";
    private static final System.Logger LOG = System.getLogger(IdentityStoreAdminAuth.class.getName());

    private final Supplier<IdentityStoreHandler> handler;
    private final String role;

    /**
     * Checks logins with the identity stores the supplier gives (looked up at each login).
     * <pre>{@code new IdentityStoreAdminAuth(stores::get, "socketio-admin")}</pre>
     *
     * @param handler the container's identity store handler
     * @param role    the group an admin must be in
     */
    public IdentityStoreAdminAuth(Supplier<IdentityStoreHandler> handler, String role) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.role = Objects.requireNonNull(role, "role");
    }

    @Override
    public boolean check(String username, String password) {
        if (username == null || password == null) {
            return false;
        }
        IdentityStoreHandler stores;
        try {
            stores = handler.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sio4ee admin UI: no Jakarta Security identity store to check the "
                    + "login against ({0})", e.toString());
            return false;
        }
        CredentialValidationResult result = stores.validate(new UsernamePasswordCredential(username, password));
        return result.getStatus() == CredentialValidationResult.Status.VALID
                && result.getCallerGroups().contains(role);
    }

    @Override
    public String toString() {
        return "Jakarta Security identity stores, group " + role;
    }
}
