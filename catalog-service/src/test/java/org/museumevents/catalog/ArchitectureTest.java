package org.museumevents.catalog;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package-by-feature shape of the house style, checked on every build. */
@AnalyzeClasses(packages = "org.museumevents.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles =
            slices().matching("org.museumevents.catalog.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule repositoriesStayInsideTheirFeature =
            classes().that().haveSimpleNameEndingWith("Repository").should().notBePublic();

    @ArchTest
    static final ArchRule onlyTheMessagingPackageTalksToKafka = noClasses()
            .that()
            .resideOutsideOfPackage("..messaging..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..");

    @ArchTest
    static final ArchRule nothingDependsOnTheDemo = noClasses()
            .that()
            .resideOutsideOfPackage("..demo..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..demo..");
}
