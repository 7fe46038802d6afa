package io.momentic.cli.gem;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.LoadMixin;
import io.momentic.cli.Main;
import io.momentic.cli.MomenticCommand;
import io.momentic.core.Timestamps;
import io.momentic.report.Json;
import io.momentic.report.text.Tables;
import io.momentic.strategies.gem.EnsembleScore;
import io.momentic.strategies.gem.GemBacktest;
import io.momentic.strategies.gem.GemData;
import io.momentic.strategies.gem.GemFit;
import io.momentic.strategies.gem.GemMetrics;
import io.momentic.strategies.gem.GemSweep;
import io.momentic.workflow.gem.GemRuns;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code momentic gem}: the bear-market GEM rotation of reference 004, its scoring harness and sweep. */
@Command(name = "gem", mixinStandardHelpOptions = true, subcommands = {GemCommand.Run.class, GemCommand.Sweep.class},
    description = "GEM bear specialist (reference 004): 'momentic gem run|sweep --help'.")
public final class GemCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  public MomenticCommand root;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  /** What both subcommands share: the data and the model body's settings. */
  public static final class ModelOptions {
    @Option(names = "--data", required = true, paramLabel = "FILE",
        description = "Candles of the basket (e.g. trader_research/bear_portfolio_candles.csv: token,timestamp,OHLCV).")
    Path data;

    @Mixin
    LoadMixin load;

    @Option(names = "--preset", paramLabel = "NAME",
        description = "default (the sweep's final defaults), notebook, bear or ranging (the notebook presets).")
    String preset = "default";

    @Option(names = "--fit", paramLabel = "MODEL", description = "exponential (default) or linear.")
    String fit = "exponential";

    @Option(names = "--timing", paramLabel = "WHEN",
        description = "same-close (the reference's: decide and fill at the same close; default) or next-open "
            + "(Momentic's: decide at the close, fill at the next open).")
    String timing = "same-close";

    GemRuns.Model model() {
      return new GemRuns.Model(data, load.options(), preset, fit, timing);
    }
  }

  /** {@code momentic gem run}. */
  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Run the GEM walk with the scoring harness (base fee and 1.5x stress), beside the other fill "
          + "timing and the equal-weight buy-and-hold.")
  public static final class Run implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--param", paramLabel = "K=V", description = "A GemParams field (repeatable), e.g. fit_window=30.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--fee-rate", paramLabel = "F",
        description = "Fee per side as a fraction (default 0.003, the contract's; stress at 1.5x). Any other value "
            + "gives a score that is not the contract's.")
    double feeRate = EnsembleScore.FEE_RATE;

    @Option(names = "--json", description = "Print the run as JSON.")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Run folder (gem.json, equity.csv, report.html). Default: <workspace>/data/results/gem-<hash>.")
    Path out;

    @ParentCommand
    GemCommand parent;

    @Override
    public Integer call() throws Exception {
      GemRuns.RunRecord r = GemRuns.run(new GemRuns.RunRequest(model.model(), params, feeRate));
      Path dir = GemRuns.write(r, parent.root.workspace().results(), out);
      GemData data = r.data();
      GemFit.Model fit = r.fit();
      GemBacktest.Timing timing = r.timing();
      GemBacktest.Timing other = r.otherTiming();
      EnsembleScore.Evaluation main = r.main();
      EnsembleScore.Evaluation alt = r.other();
      GemMetrics benchmark = r.buyAndHold();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.pretty(r.document()));
        return ExitCodes.OK;
      }
      out.printf(Locale.ROOT, "GEM bear specialist, %s fit, %d tokens, %d days (%s to %s), fee %.4f a side%n",
          fit.name().toLowerCase(Locale.ROOT), data.tokens().size(), data.calendar().length,
          io.momentic.core.Timestamps.formatDate(data.calendar()[0]),
          io.momentic.core.Timestamps.formatDate(data.calendar()[data.calendar().length - 1]), feeRate);
      List<List<String>> rows = new ArrayList<>();
      rows.add(row(timing.code() + (timing == GemBacktest.Timing.SAME_CLOSE ? " (reference)" : " (Momentic)"),
          main.base(), main.score()));
      rows.add(row(timing.code() + " stress x1.5", main.stress(), Double.NaN));
      rows.add(row(other.code() + (other == GemBacktest.Timing.SAME_CLOSE ? " (reference)" : " (Momentic)"),
          alt.base(), alt.score()));
      rows.add(row(other.code() + " stress x1.5", alt.stress(), Double.NaN));
      rows.add(row("equal-weight buy and hold", benchmark, Double.NaN));
      Tables.print(out, List.of("run", "return %", "annual %", "max DD %", "Sharpe", "Sortino", "Calmar",
          "rebalances", "HHI", "final $", "score"), rows);
      EnsembleScore.Evaluation sameClose = timing == GemBacktest.Timing.SAME_CLOSE ? main : alt;
      EnsembleScore.Evaluation nextOpen = sameClose == main ? alt : main;
      out.printf(Locale.ROOT, "timing costs %.2f pp of total return (same-close minus next-open)%n",
          sameClose.base().totalReturnPct() - nextOpen.base().totalReturnPct());
      if (feeRate != EnsembleScore.FEE_RATE) {
        out.println("note: fees differ from the contract's 0.003, so the score is not the contract's score");
      }
      out.printf(Locale.ROOT, "monthly win rate %.1f%% (30-day chunks; buy and hold %.1f%%)%n",
          r.document().get("monthly_win_rate_pct"), r.document().get("buy_and_hold_monthly_win_rate_pct"));
      out.println("report: " + dir.resolve("report.html"));
      return Main.EXIT_OK;
    }

    private static List<String> row(String name, GemMetrics m, double score) {
      return List.of(name, Tables.num(m.totalReturnPct(), 2), Tables.num(m.annualizedReturnPct(), 2),
          Tables.num(m.maxDrawdownPct(), 2), Tables.num(m.sharpeRatio(), 3), Tables.num(m.sortinoRatio(), 3),
          Tables.num(m.calmarRatio(), 3), Integer.toString(m.rebalanceCount()), Tables.num(m.hhi(), 3),
          Tables.num(m.finalValue(), 2), Double.isNaN(score) ? "" : Double.isInfinite(score) ? "rejected"
              : Tables.num(score, 4));
    }

  }

  /** {@code momentic gem sweep}. */
  @Command(name = "sweep", mixinStandardHelpOptions = true,
      description = "One parameter over a list of values; keep a candidate when it beats the best so far; append "
          + "the results TSV; report the trials, deflated Sharpe and PBO of the best.")
  public static final class Sweep implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    public GemCommand parent;

    @Mixin
    ModelOptions model;

    @Option(names = "--param", required = true, paramLabel = "NAME", description = "The GemParams field to vary.")
    String param;

    @Option(names = "--values", required = true, split = ",", paramLabel = "A,B,C", description = "Values to try.")
    List<String> values;

    @Option(names = "--no-write", description = "Do not append to the results TSV.")
    boolean noWrite;

    @Option(names = "--results", paramLabel = "FILE.tsv",
        description = "Results TSV (default: data/results/gem/bear_sweep_results.tsv in the workspace).")
    Path results;

    @Option(names = "--json", description = "Print the sweep as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      Path tsv = noWrite ? null : results != null ? results
          : parent.root.workspace().results().resolve("gem").resolve("bear_sweep_results.tsv");
      GemRuns.SweepRecord record = GemRuns.sweep(new GemRuns.SweepRequest(model.model(), param, values, tsv));
      GemSweep.Result r = record.result();
      double seconds = record.seconds();
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(Json.pretty(record.document()));
        return ExitCodes.OK;
      }
      for (GemSweep.Candidate c : r.candidates()) {
        GemMetrics b = c.evaluation().base();
        out.printf(Locale.ROOT, "[%d] %-28s score=%s ann=%.2f%% dd=%.2f%% calmar=%.3f stress_calmar=%.3f hhi=%.3f "
                + "rebalances=%d -> %s%n", c.exp(), c.description(), score(c.evaluation().score()),
            b.annualizedReturnPct(), b.maxDrawdownPct(), b.calmarRatio(), c.evaluation().stress().calmarRatio(), b.hhi(),
            b.rebalanceCount(), c.kept() ? "kept" : "discarded");
      }
      out.printf(Locale.ROOT, "Done. %d candidates in %.1fs. Best: %s%n", r.candidates().size(), seconds,
          r.best() == null ? "none (every candidate was rejected)"
              : r.best().description() + " (score=" + score(r.best().evaluation().score()) + ")");
      if (r.deflated() != null) {
        out.printf(Locale.ROOT, "trials %d: deflated Sharpe of the best %.3f (PSR %.3f; the best of %d skill-less "
                + "trials would reach Sharpe %.2f)%s%n", r.candidates().size(), r.deflated().dsr(), r.deflated().psr(),
            r.candidates().size(), r.deflated().sr0(), r.pbo() == null ? ""
                : String.format(Locale.ROOT, "; probability of backtest overfitting %.3f", r.pbo().pbo()));
      }
      if (!noWrite) {
        out.println("results: " + tsv);
      }
      return Main.EXIT_OK;
    }

    private static String score(double s) {
      return Double.isFinite(s) ? String.format(Locale.ROOT, "%.6f", s) : "-inf (rejected)";
    }
  }
}
