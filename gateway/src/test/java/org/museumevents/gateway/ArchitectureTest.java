package org.museumevents.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package-by-feature shape of the house style, checked on every build. No rule allows an empty
 * should: a rule whose classes were renamed or moved away fails instead of passing on nothing.
 */
@AnalyzeClasses(packages = "org.museumevents.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles =
            slices().matching("org.museumevents.gateway.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule controllersAndRepositoriesStayInsideTheirFeature = classes()
            .that()
            .haveSimpleNameEndingWith("Controller")
            .or()
            .haveSimpleNameEndingWith("Repository")
            .should()
            .notBePublic();
}
