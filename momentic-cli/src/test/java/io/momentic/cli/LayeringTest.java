package io.momentic.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The arrows of DESIGN.md §2: each module depends only on the modules listed for it (the rest of
 * the project is off limits), packages inside the engine point down order ← account ← exec ←
 * engine, no package or module forms a cycle, and no fill rule lives outside {@code engine.exec}.
 */
class LayeringTest {

  private static final JavaClasses MOMENTIC = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // Other modules' test fixtures arrive as *-tests.jar; they are not production code.
      .withImportOption(location -> !location.contains("-tests.jar"))
      .importPackages("io.momentic");

  private static final List<String> MODULES = List.of("core", "indicators", "engine", "analytics", "research",
      "strategies", "data", "paper", "report", "workflow", "web", "cli", "spark", "bench");

  /** What each module may depend on (DESIGN.md §2), besides itself. */
  private static final Map<String, List<String>> ALLOWED = Map.ofEntries(
      Map.entry("core", List.of()),
      Map.entry("indicators", List.of("core")),
      Map.entry("engine", List.of("core", "indicators")),
      Map.entry("analytics", List.of("core")),
      Map.entry("research", List.of("core", "indicators", "engine", "analytics")),
      Map.entry("strategies", List.of("core", "indicators", "engine", "analytics", "research")),
      Map.entry("data", List.of("core")),
      Map.entry("paper", List.of("core", "engine", "strategies", "data")),
      Map.entry("report", List.of("core", "engine", "analytics", "research")),
      Map.entry("workflow", List.of("core", "indicators", "engine", "analytics", "research", "strategies", "data",
          "paper", "report")),
      Map.entry("web", List.of("core", "indicators", "engine", "analytics", "research", "strategies", "data", "paper",
          "report", "workflow")),
      Map.entry("cli", List.of("core", "indicators", "engine", "analytics", "research", "strategies", "data", "paper",
          "report", "workflow")));

  static List<String> modules() {
    return new ArrayList<>(ALLOWED.keySet());
  }

  @ParameterizedTest
  @MethodSource("modules")
  void module_dependsOnlyOnWhatDesignAllows(String module) {
    List<String> forbidden = new ArrayList<>();
    for (String other : MODULES) {
      if (!other.equals(module) && !ALLOWED.get(module).contains(other)) {
        forbidden.add("io.momentic." + other + "..");
      }
    }
    noClasses().that().resideInAPackage("io.momentic." + module + "..")
        .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
        .allowEmptyShould(true)
        .check(MOMENTIC);
  }

  @ParameterizedTest
  @MethodSource("modules")
  void everyModule_isOnTheClassPathChecked(String module) {
    // The rules above would pass vacuously for a module whose classes were not imported.
    org.assertj.core.api.Assertions.assertThat(MOMENTIC.stream()
        .anyMatch(c -> c.getPackageName().startsWith("io.momentic." + module))).as(module).isTrue();
  }

  @Test
  void core_dependsOnTheJdkOnly() {
    noClasses().that().resideInAPackage("io.momentic.core..")
        .should().dependOnClassesThat().resideOutsideOfPackages("io.momentic.core..", "java..")
        .check(MOMENTIC);
  }

  @Test
  void enginePackages_pointDown_orderAccountExecThenEngineAndTrade() {
    noClasses().that().resideInAPackage("io.momentic.engine.order..")
        .should().dependOnClassesThat().resideInAnyPackage("io.momentic.engine.account..", "io.momentic.engine.exec..",
            "io.momentic.engine")
        .check(MOMENTIC);
    noClasses().that().resideInAPackage("io.momentic.engine.account..")
        .should().dependOnClassesThat().resideInAnyPackage("io.momentic.engine.exec..", "io.momentic.engine")
        .check(MOMENTIC);
    noClasses().that().resideInAPackage("io.momentic.engine.exec..")
        .should().dependOnClassesThat().resideInAnyPackage("io.momentic.engine", "io.momentic.engine.trade..")
        .check(MOMENTIC);
    // engine.trade drives the core for one trade; it sits beside the bar loop, above exec.
    noClasses().that().resideInAnyPackage("io.momentic.engine.order..", "io.momentic.engine.account..")
        .should().dependOnClassesThat().resideInAPackage("io.momentic.engine.trade..")
        .check(MOMENTIC);
    noClasses().that().resideInAPackage("io.momentic.engine.trade..")
        .should().dependOnClassesThat().resideInAPackage("io.momentic.engine")
        .check(MOMENTIC);
  }

  @Test
  void fillRules_liveInTheExecutionCoreOnly() {
    // Fill, slippage and fee models are called by the matching core, and by nothing else.
    noClasses().that().resideOutsideOfPackage("io.momentic.engine.exec..")
        .should().callMethod(io.momentic.engine.exec.FillModel.class, "fillPrice",
            io.momentic.engine.exec.FillContext.class)
        .check(MOMENTIC);
  }

  @Test
  void modules_haveNoCycles() {
    slices().matching("io.momentic.(*)..").should().beFreeOfCycles().check(MOMENTIC);
  }

  @Test
  void packagesInsideEachModule_haveNoCycles() {
    slices().matching("io.momentic.*.(*)..").should().beFreeOfCycles().check(MOMENTIC);
  }
}
