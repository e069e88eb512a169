package dev.sio4ee.it.app.admin;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * Test application: the container's identity store the admin UI logs in against (Jakarta Security): "ops" /
 * "s3cret" is in the group socketio-admin, "alice" / "secret" is not.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "sio4ee-admin-test")
public class AdminStore implements IdentityStore {

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential c) {
            if (c.compareTo("ops", "s3cret")) {
                return new CredentialValidationResult("ops", Set.of("socketio-admin"));
            }
            if (c.compareTo("alice", "secret")) {
                return new CredentialValidationResult("alice", Set.of("user"));
            }
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
