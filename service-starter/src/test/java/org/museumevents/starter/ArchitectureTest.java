package org.museumevents.starter;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The guard rails that keep the starter a module of mechanisms, not the shared "common" module the
 * house style warns of: it knows no service, and nothing that goes on the wire lives here.
 */
class ArchitectureTest {

    static final JavaClasses STARTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.museumevents.starter");

    @Test
    void dependsOnNoService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.museumevents.catalog..",
                        "org.museumevents.registration..",
                        "org.museumevents.notification..",
                        "org.museumevents.gateway..",
                        "org.museumevents.local..")
                .because("services depend on the starter, never the other way round")
                .check(STARTER);
    }

    @Test
    void declaresNoTopic() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.apache.kafka.clients.admin.NewTopic")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.kafka.config.TopicBuilder")
                .because("each producer owns and creates its topics")
                .check(STARTER);
        noClasses()
                .should(nameATopic())
                .because("topic names belong to their producer")
                .check(STARTER);
    }

    @Test
    void holdsNoMessageOrDomainType() {
        noClasses()
                .should()
                .haveSimpleNameEndingWith("Event")
                .orShould()
                .haveNameMatching(
                        ".*\\.(Event|Registration|Series|Registrant|Notification)[A-Z]?[A-Za-z]*(Confirmed|Published|Updated|Cancelled|Waitlisted|Promoted|Rejected|Pending|Message|Snapshot|View)")
                .because("message records and domain types stay with the service that owns them")
                .check(STARTER);
    }

    /** A constant whose value looks like a topic ({@code catalog.events}, {@code registration.events}). */
    private static ArchCondition<JavaClass> nameATopic() {
        return new ArchCondition<>("declare a constant naming a topic") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                for (JavaField field : javaClass.getFields()) {
                    if (!field.getModifiers().contains(JavaModifier.STATIC)
                            || !field.getRawType().isEquivalentTo(String.class)) {
                        continue;
                    }
                    try {
                        java.lang.reflect.Field reflected = field.reflect();
                        reflected.setAccessible(true);
                        Object value = reflected.get(null);
                        if (value instanceof String text && text.matches(".*\\b[a-z]+\\.events\\b.*")) {
                            events.add(SimpleConditionEvent.satisfied(field, field.getFullName() + " = " + text));
                        }
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // An unreadable field names no topic we could see.
                    }
                }
            }
        };
    }
}
