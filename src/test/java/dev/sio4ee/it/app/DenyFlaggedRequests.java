package dev.sio4ee.it.app;

import dev.sio4ee.engine.AllowRequest;
import dev.sio4ee.engine.spi.RequestInfo;
import jakarta.enterprise.context.ApplicationScoped;

/** Test application: an allowRequest hook as a CDI bean, refusing handshakes that carry {@code deny=1}. */
@ApplicationScoped
public class DenyFlaggedRequests implements AllowRequest {
    @Override
    public Verdict check(RequestInfo request) {
        return "1".equals(request.query("deny")) ? Verdict.reject("denied by the test hook") : Verdict.ALLOW;
    }
}
