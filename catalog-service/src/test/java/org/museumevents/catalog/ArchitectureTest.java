package org.museumevents.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package-by-feature shape of the house style, checked on every build. Each rule must match
 * classes ({@code allowEmptyShould(false)}, also ArchUnit's default, stated so that an {@code
 * archunit.properties} cannot turn it off): a rule whose subject matches nothing, after a rename or
 * a moved package, passes without checking anything.
 */
@AnalyzeClasses(packages = "org.museumevents.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("org.museumevents.catalog.(*)..")
            .should()
            .beFreeOfCycles()
            .allowEmptyShould(false);

    // Matches EventRepository and SeriesRepository.
    @ArchTest
    static final ArchRule repositoriesStayInsideTheirFeature = classes()
            .that()
            .haveSimpleNameEndingWith("Repository")
            .should()
            .notBePublic()
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule onlyTheMessagingPackageTalksToKafka = noClasses()
            .that()
            .resideOutsideOfPackage("..messaging..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
            .allowEmptyShould(false);

    @ArchTest
    static final ArchRule nothingDependsOnTheDemo = noClasses()
            .that()
            .resideOutsideOfPackage("..demo..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..demo..")
            .allowEmptyShould(false);
}
