/**
 * Container glue, and nothing else: the asynchronous long-polling servlet, the programmatic JSR-356 endpoint,
 * and the listener that registers both at the configured path when the web application starts.
 *
 * <h2>Configuration</h2>
 * Every setting of {@link dev.sio4ee.jakarta.Settings} can be given as a web.xml context-param, a system
 * property of the same name, or an environment variable ({@code dev.sio4ee.PING_INTERVAL} →
 * {@code SIO4EE_PING_INTERVAL}):
 * <pre>{@code
 * <context-param>
 *     <param-name>dev.sio4ee.CORS_ORIGINS</param-name>
 *     <param-value>https://app.example.com</param-value>
 * </context-param>
 * }</pre>
 */
package dev.sio4ee.jakarta;
