package io.momentic.cli.demo;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.serve.ServeCommand;
import io.momentic.data.Workspace;
import io.momentic.workflow.demo.Demo;
import io.momentic.workflow.serve.Dashboards;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code momentic demo}: the main job on built-in demo data in a fresh workspace
 * ({@code ./momentic-demo} unless {@code --workspace} is given), then the dashboards served.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the main job on built-in demo data: generate a synthetic market into a fresh workspace "
        + "(./momentic-demo unless --workspace is given), then backtest qqq-long-short on it and write its report, "
        + "sweep sma-cross with its honest statistics, and screen the universe for weekly momentum (table and pages), "
        + "then fit the drawdown HMM of the index and write its regime feed and page, store the bars and run the "
        + "daily pipeline, and serve the workspace on http://127.0.0.1:7070.")
public final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Option(names = "--no-serve", description = "Build the store, pages and archive, then exit instead of serving them.")
  boolean noServe;

  @Option(names = "--port", paramLabel = "N", description = "Port to serve on (default 7070).")
  int port = 7070;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Workspace ws = root.workspaceGiven() ? root.workspace() : Workspace.at(Path.of("momentic-demo"));
    Demo.DemoRecord demo = Demo.run(new Demo.DemoRequest(ws, out, spec.commandLine().getErr()));
    if (!demo.ok()) {
      return ExitCodes.FAILURE;
    }
    out.println();
    out.println("next: ./momentic backtest --workspace " + ws.root() + " --config " + demo.qqqConfig() + " --data "
        + ws.raw() + " --variants " + demo.qqqVariants());
    if (noServe) {
      out.println("      ./momentic serve --workspace " + ws.root());
      return ExitCodes.OK;
    }
    out.println();
    return ServeCommand.serve(ws, Dashboards.Settings.of("127.0.0.1", port, null), out);
  }
}
