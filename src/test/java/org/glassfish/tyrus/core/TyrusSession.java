package org.glassfish.tyrus.core;

import java.util.concurrent.ScheduledExecutorService;

/**
 * A stand-in for Tyrus's session class in unit tests of {@code dev.sio4ee.jakarta.IdleTimer}: the same class name
 * and the same private scheduler field, nothing else. Tyrus itself is not on the test class path.
 */
public class TyrusSession {
    private ScheduledExecutorService service;

    public TyrusSession(ScheduledExecutorService service) {
        this.service = service;
    }

    public ScheduledExecutorService service() {
        return service;
    }
}
