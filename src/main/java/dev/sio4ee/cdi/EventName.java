package dev.sio4ee.cdi;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Routes {@link SocketEventReceived} to the observers of one event name. An observer without it sees every event.
 *
 * <pre>{@code
 * void message(@Observes @NamespaceName("/chat") @EventName("chat message") SocketEventReceived e) {
 *     e.socket().broadcast().emit("chat message", e.args().string(0));
 * }
 * }</pre>
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.PARAMETER})
public @interface EventName {

    /**
     * The event name, as the client emits it.
     * <pre>{@code @EventName("chat message")}</pre>
     *
     * @return the name
     */
    String value();

    /** The qualifier as a value, for {@code Event.select(...)}. */
    final class Literal extends AnnotationLiteral<EventName> implements EventName {
        private static final long serialVersionUID = 1L;
        private final String value;

        private Literal(String value) {
            this.value = value;
        }

        /**
         * The qualifier for an event name.
         * <pre>{@code events.select(EventName.Literal.of("chat message")).fire(e);}</pre>
         *
         * @param value the event name
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
