package dev.sio4ee.it.app.cdi;

import jakarta.enterprise.context.RequestScoped;
import java.util.UUID;

/** Test application: a request-scoped bean with an identity, to tell two request contexts apart. */
@RequestScoped
public class RequestTag {
    private final String id = UUID.randomUUID().toString();

    public String id() {
        return id;
    }
}
