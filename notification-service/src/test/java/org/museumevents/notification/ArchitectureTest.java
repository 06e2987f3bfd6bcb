package org.museumevents.notification;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package-by-feature shape of the house style, checked on every build. */
@AnalyzeClasses(packages = "org.museumevents.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles =
            slices().matching("org.museumevents.notification.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule controllersAndRepositoriesStayInsideTheirFeature = classes()
            .that()
            .haveSimpleNameEndingWith("Controller")
            .or()
            .haveSimpleNameEndingWith("Repository")
            .should()
            .notBePublic()
            .allowEmptyShould(true);
}
