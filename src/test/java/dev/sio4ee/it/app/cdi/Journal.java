package dev.sio4ee.it.app.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Test application: what the observers saw, by key (usually a socket id), read by the tests over HTTP. */
@ApplicationScoped
public class Journal {
    private final Map<String, List<String>> entries = new ConcurrentHashMap<>();

    public void add(String key, String entry) {
        entries.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(entry);
    }

    public List<String> get(String key) {
        List<String> list = entries.get(key);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }
}
