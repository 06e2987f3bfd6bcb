package org.museumevents.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.springframework.stereotype.Repository;

/**
 * The package-by-feature shape of the house style, checked on every build. Every rule applies to
 * some class (ArchUnit fails a rule whose {@code that} matches nothing), so each can fail.
 */
@AnalyzeClasses(packages = "org.museumevents.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles =
            slices().matching("org.museumevents.notification.(*)..").should().beFreeOfCycles();

    /** The house style: a {@code messaging} package holds the Kafka adapters, and nothing else talks to Kafka. */
    @ArchTest
    static final ArchRule onlyTheMessagingPackageTalksToKafka = noClasses()
            .that()
            .resideOutsideOfPackage("..messaging..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.kafka..",
                    "org.springframework.kafka..",
                    "org.springframework.cloud.stream..",
                    "org.springframework.messaging..");

    /**
     * The adapters read a body, check it and hand it to planning: which email, when, is decided
     * there, never in {@code messaging} (issue 10).
     */
    @ArchTest
    static final ArchRule messagingPlansNoEmailItself = noClasses()
            .that()
            .resideInAPackage("..messaging..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..notification.delivery..", "..notification.email..");

    @ArchTest
    static final ArchRule controllersStayInsideTheirFeature =
            classes().that().haveSimpleNameEndingWith("Controller").should().notBePublic();

    /** The project's one convention for repositories (catalog-service's): {@code <Aggregate>Repository}. */
    @ArchTest
    static final ArchRule repositoriesAreNamedForTheirAggregate =
            classes().that().areAnnotatedWith(Repository.class).should().haveSimpleNameEndingWith("Repository");

    @ArchTest
    static final ArchRule repositoriesAreAnnotatedSo =
            classes().that().haveSimpleNameEndingWith("Repository").should().beAnnotatedWith(Repository.class);

    /**
     * Package-private by default (house style). Here the events, registrants and notifications are
     * written by the feature that applies the messages and read by delivery, so their repositories
     * are public: this rule lets a repository be public only while another feature uses it.
     */
    @ArchTest
    static final ArchRule repositoriesArePublicOnlyForAnotherFeature = classes()
            .that()
            .areAnnotatedWith(Repository.class)
            .should(bePublicOnlyIfAnotherFeatureUsesThem())
            .because("a repository belongs to its feature unless another feature reads or writes through it");

    private static ArchCondition<JavaClass> bePublicOnlyIfAnotherFeatureUsesThem() {
        return new ArchCondition<>("be public only if a class of another package uses it") {
            @Override
            public void check(JavaClass repository, ConditionEvents events) {
                boolean usedByAnotherFeature = repository.getDirectDependenciesToSelf().stream()
                        .anyMatch(dependency ->
                                !dependency.getOriginClass().getPackageName().equals(repository.getPackageName()));
                if (repository.getModifiers().contains(JavaModifier.PUBLIC) && !usedByAnotherFeature) {
                    events.add(SimpleConditionEvent.violated(
                            repository, repository.getName() + " is public, but no other feature uses it"));
                }
            }
        };
    }
}
