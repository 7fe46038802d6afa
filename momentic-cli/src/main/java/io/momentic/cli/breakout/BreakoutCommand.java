package io.momentic.cli.breakout;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.core.Interval;
import io.momentic.core.Timestamps;
import io.momentic.report.Json;
import io.momentic.report.text.Tables;
import io.momentic.research.ml.MetaLabel;
import io.momentic.strategies.breakout.MethodStats;
import io.momentic.strategies.breakout.MiniWalkForward;
import io.momentic.strategies.breakout.Step1Backtest;
import io.momentic.strategies.breakout.Step2MetaLabel;
import io.momentic.workflow.breakout.AiVerdict;
import io.momentic.workflow.breakout.BreakoutRuns;
import io.momentic.workflow.breakout.PulseIntel;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code momentic breakout}: the breakout pipeline's steps on one signal. */
@Command(name = "breakout", mixinStandardHelpOptions = true, subcommands = BreakoutCommand.Analyse.class,
    description = "The breakout pipeline (reference 001): 'momentic breakout analyse --help'.")
public final class BreakoutCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  public MomenticCommand root;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** {@code momentic breakout analyse}. */
  @Command(name = "analyse", aliases = "analyze", mixinStandardHelpOptions = true,
      description = "Step 1 of a signal: its historical analogs (the ratchet), the 72 trade methods on them, the two "
          + "candidates (best newest bucket, best EVw) with their prices, and the purged mini walk-forward. Without "
          + "--bar: the newest flagged candle among the last three, else the last one. Writes "
          + "data/results/breakout/<symbol>-<interval>-<time>/ (analysis.json, signal.json, methods.csv, "
          + "candidates.json, walkforward.json, manifest.json).")
  public static final class Analyse implements Callable<Integer> {

    @ParentCommand
    BreakoutCommand parent;

    @Mixin
    Output output;

    @Parameters(index = "0", paramLabel = "SYMBOL", description = "A stored pair, e.g. ETHUSDT.")
    String symbol;

    @Option(names = "--interval", defaultValue = "4h", paramLabel = "CODE", description = "Default ${DEFAULT-VALUE}.")
    String interval;

    @Option(names = "--bar", paramLabel = "TIME", description = "Analyse the bar opening at TIME (manual mode), "
        + "flagged or not.")
    String bar;

    @Option(names = "--venue", paramLabel = "NAME", description = "Venue of the stored series (default: binance if stored).")
    String venue;

    @Option(names = "--depth", defaultValue = "1000", paramLabel = "BARS", description = "Bars up to the signal (default ${DEFAULT-VALUE}).")
    int depth;

    @Option(names = "--fee-rate", defaultValue = "0.001", paramLabel = "RATE",
        description = "Fee per side as a fraction (default ${DEFAULT-VALUE}, Binance spot's taker rate).")
    double feeRate;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the bootstrap (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--store", paramLabel = "FILE", description = "Bar store (default <workspace>/data/store/momentic.db).")
    Path store;

    @Option(names = "--out", paramLabel = "DIR", description = "Analysis folder (default under data/results/breakout/).")
    Path out;

    @Option(names = "--step", defaultValue = "1", paramLabel = "1|2|3", description = "How far to go: 1 the backtest "
        + "(default), 2 also the meta-label and the grade, 3 also the AI verdict (MOMENTIC_LLM_BASE_URL, "
        + "MOMENTIC_LLM_API_KEY, MOMENTIC_LLM_MODEL) and the pulse.")
    int step;

    @Override
    public Integer call() throws IOException {
      BreakoutRuns.Analysis a = BreakoutRuns.analyse(new BreakoutRuns.AnalyseRequest(parent.root.workspace(), store,
          venue, symbol, Interval.parse(interval), bar, depth, feeRate, seed, out), new BreakoutRuns.Steps(step,
          AiVerdict.Endpoint.fromEnvironment(), PulseIntel.fromEnvironment(), MetaLabel.Options.DEFAULTS));
      PrintWriter o = output.out();
      if (output.json()) {
        o.println(Json.pretty(a.document()));
        return ExitCodes.OK;
      }
      Step1Backtest.Result s1 = a.step1();
      o.println(a.signal().symbol() + " " + a.signal().interval().code() + " " + a.signal().direction() + " candle at "
          + Timestamps.format(a.signal().timeMillis()) + (a.flagged() ? " (flagged by the scanner)"
              : " (manual: below the scanner's thresholds)") + String.format(java.util.Locale.ROOT,
          ": body %.2f, volume %.2fx, ADX %.1f, regime %.1f", a.signal().bodyPct(), a.signal().volMult(),
          a.signal().adx(), a.signal().regimeScore()));
      Step1Backtest.Level used = s1.ratchet().used();
      o.println("analogs: " + used.analogs() + " at ratio " + used.ratio() + " (" + s1.ratchet().badge()
          + (s1.ratchet().targetReached() ? "" : ", target of " + Step1Backtest.TARGET_ANALOGS + " not reached") + ")");
      if (!s1.invalidZones().isEmpty()) {
        o.println("invalid zones for this candle (excluded, not widened): " + String.join("; ", s1.invalidZones()));
      }
      List<List<String>> rows = new ArrayList<>();
      List<MethodStats> top = new ArrayList<>(s1.methods());
      top.sort(Comparator.comparingDouble((MethodStats m) -> Double.isNaN(m.evWeighted()) ? -1e9 : m.evWeighted())
          .reversed());
      for (MethodStats m : top.subList(0, Math.min(10, top.size()))) {
        boolean invalidHere = s1.invalidZones().contains(m.method().zone().label() + " · " + m.method().stop().label());
        rows.add(List.of(m.method().label() + (invalidHere ? " (zone invalid here)" : ""), Integer.toString(m.n()), ScanCommand.fmt("%.0f%%", 100 * m.winRate()),
            ScanCommand.fmt("%.2f", m.ev()), ScanCommand.fmt("%.2f", m.evWeighted()),
            ScanCommand.fmt("%.2f", m.profitFactor()), ScanCommand.fmt("%.0f%%", 100 * m.fillRate())
                + (m.survivorBiasWarning() ? " !" : "")));
      }
      o.println();
      Tables.print(o, List.of("method (top 10 by EVw of 72)", "n", "win", "EV R", "EVw R", "PF", "fill"), rows);
      o.println();
      candidate(o, "A", s1.candidateNewest());
      candidate(o, "B", s1.candidateWeighted());
      MiniWalkForward.Result w = a.walkForward();
      o.println();
      o.println("walk-forward of " + a.walkForwardMethod().label() + ": " + w.verdict() + (w.ok()
          ? String.format(java.util.Locale.ROOT, " — OOS %d trades, PF %s (95%% CI %s to %s), IS PF %s, edge in %s of "
              + "the rolling windows", w.oosN(), ScanCommand.fmt("%.2f", w.oosPf()),
              ScanCommand.fmt("%.2f", w.oosPfCi() == null ? Double.NaN : w.oosPfCi().lower()),
              ScanCommand.fmt("%.2f", w.oosPfCi() == null ? Double.NaN : w.oosPfCi().upper()),
              ScanCommand.fmt("%.2f", w.isPf()), ScanCommand.fmt("%.0f%%", 100 * w.edgeHitRate()))
          : " — " + w.reason()));
      if (a.step2() != null) {
        o.println();
        for (Step2MetaLabel.CandidateModel m : a.step2().models()) {
          o.println("meta-label " + m.candidate() + ": P(win) " + ScanCommand.fmt("%.0f%%", 100 * m.pWin()) + " — "
              + m.fit().description() + "; " + m.fit().n() + " samples (" + m.neutralsExcluded()
              + " NEUTRAL left out); CV AUC " + ScanCommand.fmt("%.3f", m.fit().cv().auc()) + ", Brier "
              + ScanCommand.fmt("%.4f", m.fit().cv().brierRaw()) + (m.fit().calibrated() ? " → "
              + ScanCommand.fmt("%.4f", m.fit().cv().brierCalibrated()) + " calibrated" : ""));
          o.println("  why: " + m.fit().reason());
        }
      }
      o.println("setup grade " + a.grade().grade() + ": " + a.grade().rule());
      if (a.verdict() != null) {
        o.println(a.verdict().ok() ? "AI verdict (" + a.verdict().model() + "): winner " + a.verdict().winner()
            + (a.verdict().winnerRationale() == null ? "" : " — " + a.verdict().winnerRationale())
            : "AI verdict: none — " + a.verdict().reason());
        o.println("pulse: " + a.pulse().label() + String.format(java.util.Locale.ROOT, " (%+.1f)", a.pulse().total())
            + (a.pulse().missing().isEmpty() ? "" : "; missing " + a.pulse().missing().keySet()));
      }
      o.println("analysis: " + a.dir());
      return ExitCodes.OK;
    }

    private static void candidate(PrintWriter o, String name, Step1Backtest.Candidate c) {
      if (c == null) {
        o.println("candidate " + name + ": none (no valid method with " + Step1Backtest.MIN_CANDIDATE_TRADES
            + " trades)");
        return;
      }
      o.println("candidate " + name + " (" + c.rule() + "): " + c.stats().method().label() + String.format(
          java.util.Locale.ROOT, " — entry %s, stop %s, TP1 %s, TP2 %s; n %d, EVw %s R", ScanCommand.fmt("%.6g",
              c.prices().entry()), ScanCommand.fmt("%.6g", c.prices().stop()), ScanCommand.fmt("%.6g",
              c.prices().oneR()), ScanCommand.fmt("%.6g", c.prices().target()), c.stats().n(),
          ScanCommand.fmt("%.2f", c.stats().evWeighted())));
    }
  }
}
