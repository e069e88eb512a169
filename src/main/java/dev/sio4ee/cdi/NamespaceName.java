package dev.sio4ee.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Routes Socket.IO CDI events (and {@link ConnectionGuard} beans) to one namespace, by its name, as
 * {@link EventName} routes by event name. An observer without it sees every namespace. For a child of a dynamic
 * namespace the value is the child's name ({@code "/dyn-1"}). The namespace itself is the server's
 * {@link dev.sio4ee.server.Namespace} ({@code e.socket().nsp()}).
 *
 * <pre>{@code
 * void joined(@Observes @NamespaceName("/chat") SocketConnected e) { e.socket().join("lobby"); }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface NamespaceName {

    /**
     * The namespace name, with its leading slash.
     * <pre>{@code @NamespaceName("/chat")}</pre>
     *
     * @return the name
     */
    String value();

    /** The qualifier as a value, for {@code Event.select(...)}. */
    final class Literal extends AnnotationLiteral<NamespaceName> implements NamespaceName {
        private static final long serialVersionUID = 1L;
        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /**
         * The qualifier for a namespace.
         * <pre>{@code events.select(NamespaceName.Literal.of("/chat")).fire(e);}</pre>
         *
         * @param value the namespace name
         * @return the literal
         */
        public static Literal of(String value) {
            return new Literal(value);
        }

        @Override
        public String value() {
            return value;
        }
    }
}
