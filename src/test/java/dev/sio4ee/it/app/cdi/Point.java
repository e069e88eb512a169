package dev.sio4ee.it.app.cdi;

/** Test application: a value mapped by JSON-B from an event argument. */
public class Point {
    public int x;
    public int y;
}
