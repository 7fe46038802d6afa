package io.momentic.cli.research;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.cli.Progress;
import io.momentic.cli.backtest.RunOptions;
import io.momentic.report.Json;
import io.momentic.report.text.Summaries;
import io.momentic.workflow.config.StrategyConfigFile;
import io.momentic.workflow.sweep.SweepRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code momentic sweep}: a parameter grid over a built-in strategy, ranked on the train period
 * only, the top k run out of sample, and the winner reported with the number of trials behind
 * it, its deflated Sharpe ratio, the sweep's PBO, bootstrap intervals and a fee-stress run.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Parameter sweep on all cores: --grid name=from:to:step or name=a,b,c (repeatable), constraints "
        + "such as --constraint 'fast < slow', ranked by --objective on the train period; the top k are run out of "
        + "sample. Writes trials.csv (one row per trial), summary.json and report.html (heat map) to "
        + "<workspace>/data/results/sweep-<id>/ (or --out). Settings may come from the [sweep] table of --config.")
public final class SweepCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Mixin
  RunOptions run;

  @Mixin
  SweepOptions sweep;

  @Option(names = "--top-k", paramLabel = "K", description = "Trials run out of sample (default 5).")
  Integer topK;

  @Option(names = "--train-fraction", paramLabel = "F",
      description = "Share of the bars (after the start) used to rank; the rest is out of sample. Default 0.7; 1 = "
          + "no out-of-sample period.")
  Double trainFraction;

  @Option(names = "--validate-fraction", paramLabel = "F",
      description = "A three-way split: after the train share, this share validates — the top k are ranked again "
          + "on it — and only the trial chosen there runs on the rest, the test period no choice has seen. With it "
          + "the train share defaults to 0.6.")
  Double validateFraction;

  @Option(names = "--partitions", paramLabel = "S",
      description = "Return blocks for the probability of backtest overfitting (even; default 16).")
  Integer partitions;

  @Option(names = "--resamples", paramLabel = "N", description = "Bootstrap resamples (default 1000).")
  Integer resamples;

  @Option(names = "--heatmap", split = ",", paramLabel = "X,Y",
      description = "The two grid parameters of the report's heat map (default: the first two).")
  List<String> heatmap = new java.util.ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: <workspace>/data/results/sweep-<id>.")
  Path out;

  @Mixin
  Output output;

  @Override
  public Integer call() throws IOException {
    StrategyConfigFile file = run.configFile();
    SweepRun.SweepRequest request = new SweepRun.SweepRequest(run.request(), sweep.spec(),
        file == null ? null : file.sweep(), run.loadOptions(), topK, trainFraction, partitions, resamples, heatmap,
        root.workspace().results(), out, validateFraction);
    SweepRun.SweepRecord r;
    try (Progress progress = Progress.terminal()) {
      r = SweepRun.run(request, progress);
    }
    PrintWriter o = output.out();
    io.momentic.cli.backtest.RunOptions.printNotes(output.err(), ((java.util.Map<?, ?>) r.summary().get("manifest"))
        .get("load_notes"));
    if (output.json()) {
      o.println(Json.pretty(r.summary()));
    } else {
      Summaries.sweep(o, r.summary());
      o.println("outputs: " + r.dir() + " (report.html, trials.csv, summary.json)");
    }
    return ExitCodes.OK;
  }
}
