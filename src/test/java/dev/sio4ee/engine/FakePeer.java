package dev.sio4ee.engine;

import dev.sio4ee.engine.spi.WebSocketPeer;
import java.util.ArrayList;
import java.util.List;

/** An in-memory {@link WebSocketPeer} that records the frames sent and the close. */
public final class FakePeer extends FakeRequest implements WebSocketPeer {
    private final List<Object> frames = new ArrayList<>();
    private final List<Integer> closeCalls = new ArrayList<>();
    private boolean writable = true;
    private int closeCode = -1;
    private String closeReason;

    public FakePeer(String queryString) {
        super(queryString);
    }

    public FakePeer header(String name, String value) {
        addHeader(name, value);
        return this;
    }

    public synchronized void writable(boolean v) {
        writable = v;
    }

    @Override
    public synchronized void sendText(String text) {
        if (closeCode < 0) {
            frames.add(text);
        }
    }

    @Override
    public synchronized void sendBinary(byte[] data) {
        if (closeCode < 0) {
            frames.add(data); // as given, like SessionPeer (ByteBuffer.wrap): tests can check a frame is shared
        }
    }

    @Override
    public synchronized void close(int code, String reason) {
        closeCalls.add(code);
        if (closeCode < 0) {
            closeCode = code;
            closeReason = reason;
        }
    }

    @Override
    public synchronized boolean isWritable() {
        return writable && closeCode < 0;
    }

    // ---- test side ----

    /** All frames: String for text, byte[] for binary. */
    public synchronized List<Object> frames() {
        return new ArrayList<>(frames);
    }

    /** Text frames only. */
    public synchronized List<String> texts() {
        return frames.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    /** Removes and returns the frames recorded so far. */
    public synchronized List<Object> takeFrames() {
        List<Object> copy = new ArrayList<>(frames);
        frames.clear();
        return copy;
    }

    public synchronized boolean closed() {
        return closeCode >= 0;
    }

    public synchronized int closeCode() {
        return closeCode;
    }

    public synchronized String closeReason() {
        return closeReason;
    }

    public synchronized List<Integer> closeCalls() {
        return new ArrayList<>(closeCalls);
    }
}
