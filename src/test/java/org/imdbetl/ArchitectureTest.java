package org.imdbetl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-way house: the pipeline's packages, bottom to top, each importing only packages below it;
 * no cycles; the plain-Java layers free of any framework.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.imdbetl");
    }

    @Test
    void eachPackageImportsOnlyPackagesBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("domain").definedBy("org.imdbetl.domain")
                .layer("config").definedBy("org.imdbetl.config")
                .layer("source").definedBy("org.imdbetl.source")
                .layer("state").definedBy("org.imdbetl.state")
                .layer("topic").definedBy("org.imdbetl.topic")
                .layer("lake").definedBy("org.imdbetl.lake")
                .layer("app").definedBy("org.imdbetl.app")
                .layer("rest").definedBy("org.imdbetl.rest")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("app").mayOnlyBeAccessedByLayers("rest")
                .whereLayer("lake").mayOnlyBeAccessedByLayers("app", "rest")
                .whereLayer("topic").mayOnlyBeAccessedByLayers("lake", "app", "rest")
                .whereLayer("state").mayOnlyBeAccessedByLayers("topic", "lake", "app", "rest")
                .whereLayer("source").mayOnlyBeAccessedByLayers("state", "topic", "lake", "app", "rest")
                .whereLayer("config").mayOnlyBeAccessedByLayers("source", "state", "topic", "lake", "app", "rest")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("config", "source", "state", "topic", "lake", "app", "rest")
                .check(main);
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.imdbetl.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void everyClassLivesInALayer() {
        noClasses().should().resideOutsideOfPackages("org.imdbetl.domain", "org.imdbetl.config", "org.imdbetl.source",
                "org.imdbetl.state", "org.imdbetl.topic", "org.imdbetl.lake", "org.imdbetl.app", "org.imdbetl.rest")
                .check(main);
    }

    @Test
    void domainSourceAndStateArePlainJava() {
        noClasses().that().resideInAnyPackage("org.imdbetl.domain", "org.imdbetl.source", "org.imdbetl.state")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "io.vertx..",
                        "org.apache.kafka..", "org.eclipse.microprofile..", "jakarta.enterprise..", "jakarta.inject..")
                .check(main);
    }
}
