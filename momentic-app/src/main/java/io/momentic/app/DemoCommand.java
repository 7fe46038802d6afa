package io.momentic.app;

import io.momentic.core.BarSeries;
import io.momentic.data.SyntheticMarket;
import io.momentic.data.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code momentic demo}: the main job on built-in demo data. For now it generates a synthetic
 * universe into a fresh workspace ({@code ./momentic-demo} unless {@code --workspace} is given)
 * and prints its summary; later stages (backtests, screens, pages) grow from here.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the main job on built-in demo data: generate a synthetic universe into a fresh workspace "
        + "(./momentic-demo unless --workspace is given) and print its summary.")
final class DemoCommand implements Callable<Integer> {

  static final long DEMO_SEED = 20_260_101L;

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Workspace ws = root.workspaceGiven() ? root.workspace() : Workspace.at(Path.of("momentic-demo"));
    ws.create();
    // Twelve correlated equities with occasional jumps and a calm/stress regime: enough texture
    // for every later stage (trends, crashes, dispersion) while staying small and fast.
    SyntheticMarket.Spec s = SyntheticMarket.Spec.gbmUniverse(12, 1500, DEMO_SEED)
        .withDriftAndVolatility(0.15, 0.22)
        .withJumps(1.0, -0.02, 0.04)
        .withRegimes(1.6, -0.10, 0.004);
    out.println("Momentic " + MomenticCommand.version() + " demo, workspace " + ws.root());
    out.println();
    List<BarSeries> universe = GenerateCommand.write(ws, s);
    GenerateCommand.printSummary(out, universe, ws, s);
    out.println();
    out.println("next: ./momentic inspect " + ws.rawFile(universe.get(0).symbol()));
    return Main.EXIT_OK;
  }
}
