package dev.sio4ee.it.app.cdi;

/**
 * Test application: an application event fired inside the order transaction.
 *
 * @param socketId the socket that ordered
 * @param item     the item
 */
public record OrderPlaced(String socketId, String item) {
}
