package dev.sio4ee.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what one session's listener hears as strings ({@code message:hi}, {@code binary:[1, 2]},
 * {@code upgrade}, {@code close:PING_TIMEOUT}) and notices overlapping calls.
 */
class RecordingListener implements EngineSessionListener {
    private final List<String> events = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private volatile CloseReason closeReason;
    private volatile String closeDescription;
    private volatile int closeCount;

    private void record(String event) {
        if (inFlight.incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        try {
            synchronized (events) {
                events.add(event);
            }
            onEvent(event);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Hook for subclasses, called inside the listener call. */
    void onEvent(String event) {
    }

    @Override
    public void onMessage(EngineSession session, String text) {
        record("message:" + text);
    }

    @Override
    public void onMessage(EngineSession session, byte[] data) {
        record("binary:" + Arrays.toString(data));
    }

    @Override
    public void onUpgrade(EngineSession session) {
        record("upgrade");
    }

    @Override
    public void onClose(EngineSession session, CloseReason reason, String description) {
        closeReason = reason;
        closeDescription = description;
        closeCount++;
        record("close:" + reason);
    }

    List<String> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    CloseReason closeReason() {
        return closeReason;
    }

    String closeDescription() {
        return closeDescription;
    }

    int closeCount() {
        return closeCount;
    }

    int overlaps() {
        return overlaps.get();
    }
}
