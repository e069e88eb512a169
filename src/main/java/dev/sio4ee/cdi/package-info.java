/**
 * The CDI face of sio4ee: the application-scoped {@link dev.sio4ee.cdi.SocketIoRegistry} owns the server of
 * the web application; it starts with the application and closes every connection when the application stops.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Stats {
 *     @Inject SocketIoRegistry registry;
 *     public int openSessions() { return registry.engine().clientsCount(); }
 * }
 * }</pre>
 */
package dev.sio4ee.cdi;
