package org.imdbetl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-way house: the packages, bottom to top, each importing only packages below it; no cycles;
 * everything below the Kafka adapters free of any framework.
 */
class ArchitectureTest {

    /** Bottom to top. A package may use the packages before it, except the pairs in {@link #APART}. */
    static final List<String> LAYERS = List.of("domain", "config", "files", "source", "search", "scoring", "history", "catalogue",
            "state", "ingest", "topic", "lake", "app", "rest");

    /** Rooms on one floor: neither uses the other (the rating history knows nothing of scores or search). */
    static final Map<String, Set<String>> APART = Map.of("history", Set.of("search", "scoring"));

    /** The core: plain Java, nothing from Quarkus, SmallRye, Vert.x, Kafka, CDI or MicroProfile. */
    static final List<String> PLAIN_JAVA = List.of("domain", "files", "source", "search", "scoring", "history", "catalogue", "state",
            "ingest");

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.imdbetl");
    }

    @Test
    void eachPackageImportsOnlyPackagesBelowIt() {
        layers().check(main);
    }

    static LayeredArchitecture layers() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : LAYERS) {
            layers = layers.layer(layer).definedBy("org.imdbetl." + layer);
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            String layer = LAYERS.get(i);
            List<String> users = new ArrayList<>();
            for (String above : LAYERS.subList(i + 1, LAYERS.size())) {
                if (!APART.getOrDefault(above, Set.of()).contains(layer)) {
                    users.add(above);
                }
            }
            layers = users.isEmpty() ? layers.whereLayer(layer).mayNotBeAccessedByAnyLayer()
                    : layers.whereLayer(layer).mayOnlyBeAccessedByLayers(users.toArray(String[]::new));
        }
        return layers;
    }

    @Test
    void noCyclesBetweenPackages() {
        slices().matching("org.imdbetl.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void everyClassLivesInALayer() {
        noClasses().should().resideOutsideOfPackages(LAYERS.stream().map(layer -> "org.imdbetl." + layer).toArray(String[]::new))
                .check(main);
    }

    @Test
    void theCoreIsPlainJava() {
        noClasses().that().resideInAnyPackage(PLAIN_JAVA.stream().map(layer -> "org.imdbetl." + layer).toArray(String[]::new))
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "io.smallrye..", "io.vertx..",
                        "org.apache.kafka..", "org.eclipse.microprofile..", "jakarta.enterprise..", "jakarta.inject..")
                .check(main);
    }
}
