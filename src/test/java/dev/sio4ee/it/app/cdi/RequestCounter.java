package dev.sio4ee.it.app.cdi;

import jakarta.enterprise.context.RequestScoped;

/** Test application: a request-scoped bean, to show that observers run with an active request context. */
@RequestScoped
public class RequestCounter {
    private int calls;

    public int increment() {
        return ++calls;
    }
}
