package dev.sio4ee.it.app.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * Test application: Jakarta Security with HTTP Basic and one user (alice / secret). No resource is protected:
 * requests without credentials stay anonymous, requests with them carry the caller principal.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "sio4ee-test")
public class CallerStore implements IdentityStore {

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential c && c.compareTo("alice", "secret")) {
            return new CredentialValidationResult("alice", Set.of("user"));
        }
        return CredentialValidationResult.INVALID_RESULT;
    }
}
