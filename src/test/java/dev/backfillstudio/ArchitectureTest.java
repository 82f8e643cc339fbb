package dev.backfillstudio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final String[] ENGINE = {
        "dev.backfillstudio.workspace..", "dev.backfillstudio.ingest..", "dev.backfillstudio.job..",
        "dev.backfillstudio.run..", "dev.backfillstudio.verify..", "dev.backfillstudio.export..",
        "dev.backfillstudio.demo..", "dev.backfillstudio.source.."
    };

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.backfillstudio");
    }

    @Test
    void theEngineNeverImportsJavaFx() {
        noClasses().that().resideInAnyPackage(ENGINE).should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the engine must be testable and usable without a window").check(classes);
    }

    @Test
    void theEngineNeverImportsPicocli() {
        noClasses().that().resideInAnyPackage(ENGINE).should().dependOnClassesThat().resideInAnyPackage("picocli..")
                .because("the command line is a thin shell over the engine").check(classes);
    }

    @Test
    void theEngineNeverImportsTheShells() {
        noClasses().that().resideInAnyPackage(ENGINE).should().dependOnClassesThat()
                .resideInAnyPackage("dev.backfillstudio.ui..", "dev.backfillstudio.cli..")
                .because("arrows point one way: ui and cli use the engine").check(classes);
    }

    @Test
    void theAppAndTheCommandLineDoNotUseEachOther() {
        noClasses().that().resideInAPackage("dev.backfillstudio.ui..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.backfillstudio.cli..", "picocli..").check(classes);
        noClasses().that().resideInAPackage("dev.backfillstudio.cli..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.backfillstudio.ui..", "javafx..").check(classes);
    }

    @Test
    void onlySparksAdapterKnowsSpark() {
        noClasses().that().resideInAPackage("dev.backfillstudio..").and().resideOutsideOfPackage("dev.backfillstudio.spark..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "org.apache.iceberg..", "scala..")
                .because("the engine reaches Spark through DayEngine only, so the desktop jar can leave Spark out").check(classes);
    }

    @Test
    void onlyTheCommandLineWritesToStandardOutput() {
        noClasses().that().resideOutsideOfPackage("dev.backfillstudio.cli..")
                .should().accessField(System.class, "out")
                .because("the engine reports through return values and listeners, the cli prints").check(classes);
    }
}
