package io.momentic.cli;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Module dependencies point down DESIGN.md §2: core ← indicators ← engine …; data depends on core only. */
class LayeringTest {

  private static final JavaClasses MOMENTIC = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // Other modules' test fixtures arrive as *-tests.jar; they are not production code.
      .withImportOption(location -> !location.contains("-tests.jar"))
      .importPackages("io.momentic");

  @Test
  void core_dependsOnTheJdkOnly() {
    noClasses().that().resideInAPackage("io.momentic.core..")
        .should().dependOnClassesThat().resideOutsideOfPackages("io.momentic.core..", "java..")
        .check(MOMENTIC);
  }

  @Test
  void indicators_dependOnCoreOnly() {
    noClasses().that().resideInAPackage("io.momentic.indicators..")
        .should().dependOnClassesThat().resideInAnyPackage("io.momentic.data..", "io.momentic.app..",
            "io.momentic.engine..", "io.momentic.analytics..", "io.momentic.research..", "io.momentic.strategies..")
        .check(MOMENTIC);
  }

  @Test
  void data_dependsOnCoreOnly() {
    noClasses().that().resideInAPackage("io.momentic.data..")
        .should().dependOnClassesThat().resideInAnyPackage("io.momentic.indicators..", "io.momentic.app..",
            "io.momentic.engine..", "io.momentic.analytics..", "io.momentic.research..", "io.momentic.strategies..")
        .check(MOMENTIC);
  }

  @Test
  void engine_dependsOnCoreAndIndicatorsOnly() {
    noClasses().that().resideInAPackage("io.momentic.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("io.momentic.data..", "io.momentic.app..",
            "io.momentic.analytics..", "io.momentic.research..", "io.momentic.strategies..")
        .check(MOMENTIC);
  }

  @Test
  void analytics_dependsOnCoreOnly() {
    noClasses().that().resideInAPackage("io.momentic.analytics..")
        .should().dependOnClassesThat().resideInAnyPackage("io.momentic.indicators..", "io.momentic.engine..",
            "io.momentic.data..", "io.momentic.app..", "io.momentic.research..", "io.momentic.strategies..")
        .check(MOMENTIC);
  }

  @Test
  void research_dependsOnCoreIndicatorsEngineAnalyticsOnly() {
    noClasses().that().resideInAPackage("io.momentic.research..")
        .should().dependOnClassesThat().resideInAnyPackage("io.momentic.data..", "io.momentic.app..",
            "io.momentic.strategies..")
        .check(MOMENTIC);
  }

  @Test
  void strategies_doNotDependOnDataOrApp() {
    noClasses().that().resideInAPackage("io.momentic.strategies..")
        .should().dependOnClassesThat().resideInAnyPackage("io.momentic.data..", "io.momentic.app..")
        .check(MOMENTIC);
  }

  @Test
  void nothingDependsOnTheApp() {
    noClasses().that().resideOutsideOfPackage("io.momentic.app..")
        .should().dependOnClassesThat().resideInAPackage("io.momentic.app..")
        .allowEmptyShould(true)
        .check(MOMENTIC);
  }

  @Test
  void modules_haveNoCycles() {
    slices().matching("io.momentic.(*)..").should().beFreeOfCycles().check(MOMENTIC);
  }
}
