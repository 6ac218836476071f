package io.wharf.edge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The edge's layers, pinned: the MQTT protocol and the sessions talk to Kafka only through the
 * edge's own interfaces ({@code log}, {@code SessionStore}); the Kafka implementations sit in
 * {@code kafka}, and only the composition root ({@link MqttEdge}) puts the two together.
 */
class ArchitectureTest {

    private static final JavaClasses EDGE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.wharf.edge");

    @Test
    void onlyTheKafkaPackageAndTheCompositionRootUseKafkaClients() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.wharf.edge.kafka..")
                .and()
                .doNotHaveFullyQualifiedName(MqttEdge.class.getName())
                .and()
                .doNotHaveFullyQualifiedName(MessageTopics.class.getName()) // started by MqttEdge
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.apache.kafka..")
                .check(EDGE);
    }

    @Test
    void theProtocolAndTheSessionsDoNotKnowTheKafkaImplementations() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.wharf.edge.auth..",
                        "io.wharf.edge.protocol..",
                        "io.wharf.edge.session..",
                        "io.wharf.edge.delivery..",
                        "io.wharf.edge.retained..",
                        "io.wharf.edge.shared..",
                        "io.wharf.edge.replay..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.wharf.edge.kafka..")
                .check(EDGE);
    }

    @Test
    void theKafkaImplementationsDoNotReachIntoTheProtocol() {
        noClasses()
                .that()
                .resideInAPackage("io.wharf.edge.kafka..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.wharf.edge.protocol..")
                .check(EDGE);
    }
}
