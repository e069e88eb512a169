package dev.sio4ee.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.sio4ee.adapter.AdapterHost;
import dev.sio4ee.cdi.ConnectionGuard;
import dev.sio4ee.cdi.SocketEventReceived;
import dev.sio4ee.engine.EngineConnectionListener;
import dev.sio4ee.server.Ack;
import dev.sio4ee.server.ConnectError;
import dev.sio4ee.server.Namespace;
import dev.sio4ee.server.SocketIoServer;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the public types show (issue 13, "types that show more than they should"). */
class PublicApiTest {

    private static List<String> publicMethodNames(Class<?> type) {
        return Arrays.stream(type.getMethods()).filter(m -> m.getDeclaringClass() != Object.class)
                .map(Method::getName).distinct().sorted().toList();
    }

    @Test
    void noTwoPublicTypesShareASimpleName() {
        Map<String, List<String>> byName = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.sio4ee").stream()
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC) && c.isTopLevelClass())
                .collect(Collectors.groupingBy(JavaClass::getSimpleName,
                        Collectors.mapping(JavaClass::getName, Collectors.toList())));
        assertThat(byName).as("public types of sio4ee by simple name").allSatisfy((name, types) ->
                assertThat(types).as(name).hasSize(1));
        assertThat(byName).containsKeys("Namespace", "NamespaceName");
    }

    @Test
    void theNamespaceKeepsItsAdapterRoleToItself() {
        assertThat(AdapterHost.class.isAssignableFrom(Namespace.class)).isFalse();
        assertThat(publicMethodNames(Namespace.class)).doesNotContain("nextAckId", "localSocket", "nowMillis",
                "schedule");
        assertThat(Arrays.stream(Namespace.class.getMethods()).filter(m -> m.getName().equals("onServerSideEmit"))
                .map(m -> m.getParameterTypes()[0].getSimpleName()).toList()).containsExactly("String");
    }

    @Test
    void theServerKeepsItsEngineRoleToItself() {
        assertThat(EngineConnectionListener.class.isAssignableFrom(SocketIoServer.class)).isFalse();
        assertThat(Arrays.stream(SocketIoServer.class.getMethods())
                .filter(m -> m.getName().equals("onConnection"))
                .map(m -> m.getParameterTypes()[0].getSimpleName()).toList()).containsExactly("Consumer");
    }

    @Test
    void aReceivedEventShowsNoJsonbAndOneMeaningOfAck() throws Exception {
        assertThat(SocketEventReceived.class.isRecord()).isFalse();
        assertThat(Arrays.stream(SocketEventReceived.class.getMethods()).map(Method::getReturnType))
                .doesNotContain(Jsonb.class);
        assertThat(Arrays.stream(SocketEventReceived.class.getMethods()).filter(m -> m.getName().equals("ack")))
                .singleElement().satisfies(m -> {
                    assertThat(m.getParameterCount()).isZero();
                    assertThat(m.getReturnType()).isEqualTo(Ack.class);
                });
        assertThat(Arrays.stream(SocketEventReceived.class.getConstructors())).isEmpty();
    }

    @Test
    void aRefusalIsAValueThatAGuardReturns() throws Exception {
        assertThat(Throwable.class.isAssignableFrom(ConnectError.class)).isFalse();
        Method check = ConnectionGuard.class.getMethod("check", dev.sio4ee.server.Socket.class,
                java.security.Principal.class);
        assertThat(check.getReturnType()).isEqualTo(Optional.class);
        assertThat(check.getExceptionTypes()).isEmpty();
    }

    @Test
    void ackHasOneSendMethod() {
        assertThat(Arrays.stream(Ack.class.getMethods()).filter(m -> m.getName().equals("send"))
                .filter(m -> !Modifier.isStatic(m.getModifiers())))
                .singleElement().satisfies(m -> assertThat(m.isVarArgs()).isTrue());
    }
}
