package dev.sio4ee.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of DESIGN.md import one way only. */
class LayersTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sio4ee");
    }

    @Test
    void shouldImportLayersInOneDirectionOnly() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("parser").definedBy("dev.sio4ee.engine.parser..")
                .layer("spi").definedBy("dev.sio4ee.engine.spi..")
                .layer("engine").definedBy("dev.sio4ee.engine")
                .layer("protocol").definedBy("dev.sio4ee.protocol..")
                .layer("adapter").definedBy("dev.sio4ee.adapter..")
                .layer("server").definedBy("dev.sio4ee.server..")
                .layer("cdi").definedBy("dev.sio4ee.cdi..")
                .layer("jakarta").definedBy("dev.sio4ee.jakarta..")
                .whereLayer("jakarta").mayNotBeAccessedByAnyLayer()
                .whereLayer("cdi").mayOnlyBeAccessedByLayers("jakarta")
                .whereLayer("server").mayOnlyBeAccessedByLayers("cdi", "jakarta")
                .whereLayer("adapter").mayOnlyBeAccessedByLayers("server", "cdi", "jakarta")
                .whereLayer("protocol").mayOnlyBeAccessedByLayers("adapter", "server", "cdi", "jakarta")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("server", "cdi", "jakarta")
                .whereLayer("spi").mayOnlyBeAccessedByLayers("engine", "server", "cdi", "jakarta")
                .whereLayer("parser").mayOnlyBeAccessedByLayers("engine", "server", "cdi", "jakarta")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void shouldKeepTheRedisAdaptersOnTheirLibraries() {
        classes().that().resideInAPackage("dev.sio4ee.adapter.redis..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.net.ssl..",
                        "dev.sio4ee.adapter..", "dev.sio4ee.protocol..", "io.lettuce..", "io.netty..", "org.msgpack..",
                        "jakarta.json", "jakarta.json.spi", "jakarta.json.stream")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void shouldKeepTheCoreFreeOfContainerApis() {
        noClasses().that().resideInAnyPackage("dev.sio4ee.engine..", "dev.sio4ee.protocol..",
                        "dev.sio4ee.adapter..", "dev.sio4ee.server..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "jakarta.websocket..",
                        "jakarta.enterprise..", "jakarta.inject..", "jakarta.json.bind..")
                .check(classes);
    }

    @Test
    void shouldKeepTheCodecsOnTheJdk() {
        noClasses().that().resideInAnyPackage("dev.sio4ee.engine.parser..", "dev.sio4ee.engine.spi..",
                        "dev.sio4ee.engine")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..")
                .check(classes);
        noClasses().that().resideInAnyPackage("dev.sio4ee.protocol..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "jakarta.websocket..",
                        "jakarta.enterprise..", "jakarta.json.bind..")
                .check(classes);
    }

    /**
     * The Redis client (optional for the classes jar) is reached only from {@code adapter.redis}; the rest of
     * sio4ee uses only its plain settings ({@code RedisConfig}) and its one entry ({@code RedisNode}), which the
     * registry calls when a Redis adapter is chosen (see WithoutRedisClientTest).
     */
    @Test
    void shouldReachTheRedisClientOnlyThroughRedisNode() {
        noClasses().that().resideOutsideOfPackage("dev.sio4ee.adapter.redis..")
                .should().dependOnClassesThat().resideInAnyPackage("io.lettuce..", "io.netty..", "reactor..",
                        "org.msgpack..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.sio4ee.adapter.redis..")
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("dev.sio4ee.adapter.redis..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.simpleNameStartingWith("RedisConfig")))
                        .and(DescribedPredicate.not(JavaClass.Predicates.simpleName("RedisNode"))))
                .check(classes);
        noClasses().that().resideOutsideOfPackage("dev.sio4ee.adapter.redis..")
                .and().doNotHaveFullyQualifiedName("dev.sio4ee.cdi.SocketIoRegistry")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.sio4ee.adapter.redis.RedisNode")
                .check(classes);
    }
}
