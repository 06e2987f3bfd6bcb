package org.museumevents.registration;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The package-by-feature shape of the house style, checked on every build. Every rule matches
 * classes today: ArchUnit fails a rule whose {@code that()} matches nothing
 * ({@code archRule.failOnEmptyShould}, on in src/test/resources/archunit.properties), so a rename
 * cannot turn a rule into one that checks nothing.
 */
@AnalyzeClasses(packages = "org.museumevents.registration", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * The group's transaction that takes places (ADR 1, ADR 5) writes several tables with one
     * statement: no repository owns it.
     */
    private static final String REGISTER_GROUP = "RegisterGroup";

    /**
     * The event's row carries the place counters: the registration feature locks and recounts it, and
     * the attendees feature reads its organisation, so it is the one public repository.
     */
    private static final String SHARED_REPOSITORY = "EventRepository";

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles =
            slices().matching("org.museumevents.registration.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule controllersStayInsideTheirFeature =
            classes().that().haveSimpleNameEndingWith("Controller").should().notBePublic();

    @ArchTest
    static final ArchRule repositoriesAreNamedForTheirAggregate =
            classes().that().areAnnotatedWith(Repository.class).should().haveSimpleNameEndingWith("Repository");

    @ArchTest
    static final ArchRule repositoriesAreAnnotatedAsSuch =
            classes().that().haveSimpleNameEndingWith("Repository").should().beAnnotatedWith(Repository.class);

    @ArchTest
    static final ArchRule repositoriesStayInsideTheirFeature = classes()
            .that()
            .haveSimpleNameEndingWith("Repository")
            .and()
            .doNotHaveSimpleName(SHARED_REPOSITORY)
            .should()
            .notBePublic();

    @ArchTest
    static final ArchRule onlyRepositoriesTalkSql = noClasses()
            .that()
            .haveSimpleNameNotEndingWith("Repository")
            .and()
            .doNotHaveSimpleName(REGISTER_GROUP)
            .should()
            .dependOnClassesThat()
            .belongToAnyOf(JdbcClient.class, JdbcTemplate.class, NamedParameterJdbcTemplate.class);

    @ArchTest
    static final ArchRule kafkaAdaptersGoThroughAFeatureNeverARepository = noClasses()
            .that()
            .resideInAPackage("..messaging..")
            .should()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Repository");
}
