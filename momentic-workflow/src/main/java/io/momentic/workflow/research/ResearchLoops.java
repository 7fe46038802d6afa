package io.momentic.workflow.research;

import io.momentic.analytics.regime.ConsensusLabels;
import io.momentic.analytics.regime.RegimeExperiment;
import io.momentic.analytics.regime.RegimeScore;
import io.momentic.analytics.regime.RegimeWalkForward;
import io.momentic.analytics.EquityMetrics;
import io.momentic.core.AtomicFiles;
import io.momentic.core.BarSeries;
import io.momentic.core.ConfigException;
import io.momentic.data.BarFiles;
import io.momentic.data.LoadOptions;
import io.momentic.data.Workspace;
import io.momentic.strategies.gem.EnsembleScore;
import io.momentic.strategies.gem.GemBacktest;
import io.momentic.strategies.gem.GemFit;
import io.momentic.strategies.gem.GemParams;
import io.momentic.strategies.gem.GemSweep;
import io.momentic.workflow.config.ConfigFiles;
import io.momentic.workflow.gem.GemRuns;
import io.momentic.workflow.regime.ExperimentFile;
import io.momentic.workflow.regime.RegimeRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * {@code momentic research loop}: a program's target built from its data, the loop run with its
 * budget, every trial appended to the reference's results TSV as it finishes, every lock-in
 * saved at once (so a stopped loop resumes from its winners), and the mandatory shutdown report
 * written to {@code docs/autoresearch-reports/} in the workspace.
 */
public final class ResearchLoops {

  private ResearchLoops() {}

  /**
   * A loop run: the program, the workspace, whether to ignore the locked defaults of an earlier
   * run, budget overrides (null: the program's), where progress lines go, and the report's date.
   */
  public record LoopRequest(Path program, Workspace workspace, boolean fresh, Integer maxTrials, Double maxSeconds,
      Consumer<String> lines, LocalDate today, LongSupplier nanoTime) {}

  /** What the run produced; {@code movedAside} is the stale TSV's new name, or null. */
  public record LoopRecord(LoopProgram program, AutoresearchLoop.Result result, Path report, Path resultsTsv,
      Path locked, Path movedAside, boolean resumed, String reportText) {}

  public static LoopRecord run(LoopRequest r) throws IOException {
    LoopProgram program = LoopProgram.read(r.program());
    Path base = r.program().toAbsolutePath().getParent();
    LoopProgram.Program settings = program.program();
    boolean gem = settings.target().equals("gem");
    Path folder = r.workspace().root().resolve("research").resolve(settings.tag());
    Path locked = folder.resolve("locked.toml");
    Map<String, String> start = new LinkedHashMap<>(program.startTexts());
    boolean resumed = false;
    if (!r.fresh() && Files.exists(locked)) {
      start.putAll(readLocked(locked));
      resumed = true;
      r.lines().accept("Resuming from the defaults locked in by an earlier run: " + locked
          + " (--fresh starts over)");
    }
    Path tsv = settings.results() != null ? base.resolve(settings.results())
        : folder.resolve(gem ? "bear_sweep_results.tsv" : "regime_sweep_results.tsv");
    Target target = gem ? gemTarget(program, base, start) : regimeTarget(program, base, start);
    Path movedAside = resumed ? null : moveAside(tsv); // a new search starts a new TSV (spec §3.1)
    if (movedAside != null) {
      r.lines().accept("Moved the earlier results aside: " + movedAside);
    }
    AutoresearchLoop.Budget budget = new AutoresearchLoop.Budget(
        r.maxTrials() != null ? r.maxTrials() : settings.maxTrials(),
        r.maxSeconds() != null ? r.maxSeconds() : settings.maxSeconds());
    String tag = settings.tag();
    AutoresearchLoop.Listener listener = new AutoresearchLoop.Listener() {
      @Override
      public void trial(AutoresearchLoop.Trial t, double bestScore) {
        target.append(tsv, t, bestScore);
        r.lines().accept(LoopReport.trialLine(t, target.loop().scoreName(), bestScore));
      }

      @Override
      public void locked(AutoresearchLoop.Sweep s, Map<String, String> defaults) {
        try {
          writeLocked(locked, tag, defaults);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        r.lines().accept(LoopReport.commitLine(s));
      }
    };
    AutoresearchLoop.Result result = AutoresearchLoop.run(target.loop(), program.priority(), settings.rounds(),
        settings.zoom(), budget, r.nanoTime(), listener);
    String text = LoopReport.markdown(program, result, target.describe(), target.appendix(result), r.today(),
        resumed);
    String name = r.today() + (gem ? "-autoresearch-" + tag + "-report.md" : "-regime-autoresearch-" + tag
        + "-report.md");
    Path report = AtomicFiles.writeString(r.workspace().root().resolve("docs").resolve("autoresearch-reports")
        .resolve(name), text);
    return new LoopRecord(program, result, report, tsv, Files.exists(locked) ? locked : null, movedAside, resumed,
        text);
  }

  /** The loop's target with what the workflow adds: its TSV rows, its description and the report's appendix. */
  interface Target {
    AutoresearchLoop.Target loop();

    void append(Path tsv, AutoresearchLoop.Trial t, double bestScore);

    List<String> describe();

    List<String> appendix(AutoresearchLoop.Result result);
  }

  //-------------------------------------------------------------------------
  // GEM bear specialist (spec §1, §2, §3.1)

  static Target gemTarget(LoopProgram program, Path base, Map<String, String> start) {
    LoopProgram.Gem g = program.gem();
    GemRuns.Model model = new GemRuns.Model(base.resolve(g.data()), LoadOptions.DEFAULT, g.preset(), g.fit(),
        g.timing());
    GemParams preset = GemParams.preset(g.preset());
    GemFit.Model fit = GemFit.Model.parse(g.fit());
    GemBacktest.Timing timing = GemBacktest.Timing.parse(g.timing());
    for (Map.Entry<String, String> e : start.entrySet()) {
      if (LoopProgram.GEM_PINNED.contains(e.getKey())) {
        throw new ConfigException("start", "expected GemParams fields the loop may set, found '" + e.getKey()
            + "'; fix: the fee and capital are the scoring contract's (spec §2)");
      }
      preset = preset.with(e.getKey(), e.getValue());
    }
    for (AutoresearchLoop.Parameter p : program.priority()) {
      for (String v : p.values()) {
        preset.with(p.name(), v); // an unknown field or a value of the wrong kind fails before the first trial
      }
    }
    GemParams first = preset;
    io.momentic.strategies.gem.GemData data = model.read();
    Map<Integer, EnsembleScore.Evaluation> evaluations = new java.util.HashMap<>();
    AutoresearchLoop.Target loop = new AutoresearchLoop.Target() {
      @Override
      public String scoreName() {
        return "ensemble_score";
      }

      @Override
      public Map<String, String> start() {
        Map<String, String> m = new LinkedHashMap<>();
        first.values().forEach((k, v) -> {
          if (!LoopProgram.GEM_PINNED.contains(k)) {
            m.put(k, LoopProgram.text(v));
          }
        });
        return m;
      }

      @Override
      public AutoresearchLoop.Evaluation evaluate(int trial, Map<String, String> params) {
        EnsembleScore.Evaluation e = EnsembleScore.evaluate(data, with(first, params), fit, timing);
        evaluations.put(trial, e);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("annualized_return_pct", e.base().annualizedReturnPct());
        figures.put("max_drawdown_pct", e.base().maxDrawdownPct());
        figures.put("sharpe", e.base().sharpeRatio());
        figures.put("calmar", e.base().calmarRatio());
        figures.put("calmar_stress", e.stress().calmarRatio());
        figures.put("hhi", e.base().hhi());
        figures.put("rebalance_count", e.base().rebalanceCount());
        return new AutoresearchLoop.Evaluation(e.score(), EquityMetrics.returns(e.baseRun().values()), figures);
      }
    };
    return new Target() {
      @Override
      public AutoresearchLoop.Target loop() {
        return loop;
      }

      @Override
      public void append(Path tsv, AutoresearchLoop.Trial t, double bestScore) {
        EnsembleScore.Evaluation e = t.number() >= 0 ? evaluations.get(t.number()) : null;
        if (e == null) {
          return; // invalid or failed: nothing was measured
        }
        String param = t.param() == null ? "baseline" : t.param();
        String value = t.value() == null ? "" : t.value();
        boolean kept = t.outcome() == AutoresearchLoop.Outcome.KEPT || t.outcome() == AutoresearchLoop.Outcome.BASELINE;
        GemSweep.append(tsv, List.of(new GemSweep.Candidate(t.number(), param, value, with(first, t.params()), e,
            bestScore, kept)));
      }

      @Override
      public List<String> describe() {
        return List.of("GEM bear specialist on " + model.data().getFileName() + " (preset " + g.preset() + ", "
            + g.fit() + " fit, " + g.timing() + " timing)", "Score: ensemble_score of spec §2 (fee "
            + percent(EnsembleScore.FEE_RATE) + " per side, stress fee " + percent(EnsembleScore.STRESS_FEE_RATE)
            + ", capital " + (long) EnsembleScore.INITIAL_CAPITAL + "), fixed: the loop only sets GemParams "
            + "fields.");
      }

      @Override
      public List<String> appendix(AutoresearchLoop.Result result) {
        List<String> lines = new ArrayList<>();
        EnsembleScore.Evaluation e = result.best().number() >= 0 ? evaluations.get(result.best().number()) : null;
        if (e != null) {
          lines.add("| | base (fee " + percent(EnsembleScore.FEE_RATE) + ") | stress (fee "
              + percent(EnsembleScore.STRESS_FEE_RATE) + ") |");
          lines.add("|---|---:|---:|");
          lines.add(row("annualised return %", e.base().annualizedReturnPct(), e.stress().annualizedReturnPct()));
          lines.add(row("max drawdown %", e.base().maxDrawdownPct(), e.stress().maxDrawdownPct()));
          lines.add(row("Sharpe", e.base().sharpeRatio(), e.stress().sharpeRatio()));
          lines.add(row("Calmar", e.base().calmarRatio(), e.stress().calmarRatio()));
          lines.add(row("HHI", e.base().hhi(), e.stress().hhi()));
          lines.add(row("rebalances", e.base().rebalanceCount(), e.stress().rebalanceCount()));
          lines.add("");
          lines.add("ensemble_score = " + LoopReport.num(e.score()));
        }
        return lines;
      }
    };
  }

  /** {@code base} with the trial's parameters (text values) set. */
  private static GemParams with(GemParams base, Map<String, String> params) {
    GemParams p = base;
    for (Map.Entry<String, String> e : params.entrySet()) {
      p = p.with(e.getKey(), e.getValue());
    }
    return p;
  }

  private static String percent(double rate) {
    return String.format(java.util.Locale.ROOT, "%.2f %%", 100 * rate);
  }

  private static String row(String name, double base, double stress) {
    return "| " + name + " | " + LoopReport.num(base) + " | " + LoopReport.num(stress) + " |";
  }

  //-------------------------------------------------------------------------
  // Regime detector (spec §3.2, §4.8–§4.10)

  static Target regimeTarget(LoopProgram program, Path base, Map<String, String> start) throws IOException {
    LoopProgram.Regime g = program.regime();
    List<RegimeExperiment.Spec> known = RegimeRuns.experiments(g.experiments() == null ? null
        : base.resolve(g.experiments()));
    RegimeExperiment.Spec from = known.stream().filter(s -> s.id().equals(g.base())).findFirst()
        .orElseThrow(() -> new ConfigException("base", "expected an experiment of the ladder or of experiments ("
            + String.join(", ", known.stream().map(RegimeExperiment.Spec::id).toList()) + "), found '" + g.base()
            + "'"));
    for (AutoresearchLoop.Parameter p : program.priority()) {
      if (!ExperimentFile.SETTINGS.contains(p.name())) {
        throw new ConfigException("parameter", "expected an experiment setting among " + ExperimentFile.SETTINGS
            + ", found '" + p.name() + "'");
      }
    }
    RegimeExperiment.Spec first = ExperimentFile.derive(from, from.id(), start, from.comment());
    BarSeries series = BarFiles.read(base.resolve(g.data()), LoadOptions.DEFAULT).single();
    List<LocalDate> dates = RegimeRuns.dates(series);
    ConsensusLabels labels = ConsensusLabels.read(base.resolve(g.labels()));
    RegimeExperiment.Covariate vix = g.vix() == null ? null : RegimeRuns.covariate(base.resolve(g.vix()));
    String tag = program.program().tag();
    Map<Integer, RegimeExperiment.Outcome> outcomes = new java.util.HashMap<>();
    AutoresearchLoop.Target loop = new AutoresearchLoop.Target() {
      @Override
      public String scoreName() {
        return "regime_score";
      }

      @Override
      public Map<String, String> start() {
        return ExperimentFile.settings(first);
      }

      @Override
      public String seriesName() {
        return "day scores 1 − L_d/(a + c) on the scored consensus days";
      }

      @Override
      public boolean seriesIsReturns() {
        return false;
      }

      @Override
      public AutoresearchLoop.Evaluation evaluate(int trial, Map<String, String> params) {
        RegimeExperiment.Spec spec = ExperimentFile.derive(first, String.format("%s_t%03d", tag, trial), params,
            "");
        if (spec.needsCovariate() && vix == null) {
          throw new ConfigException("vix", "expected a VIX file for " + spec.transitions() + " transitions, found "
              + "none; fix: add vix = \"vix_daily.csv\" to [regime]");
        }
        RegimeExperiment.Outcome o = RegimeExperiment.run(dates, series.closes(), vix, labels, spec);
        outcomes.put(trial, o);
        RegimeScore.Report rep = o.report();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("quality", rep.quality());
        figures.put("reliability", rep.reliability());
        figures.put("argmax_acc", rep.argmaxAccuracy());
        figures.put("flip_count", rep.flipCount());
        figures.putAll(rep.perPeriod());
        return new AutoresearchLoop.Evaluation(rep.regimeScore(), daySimilarities(o, labels), figures);
      }
    };
    return new Target() {
      @Override
      public AutoresearchLoop.Target loop() {
        return loop;
      }

      @Override
      public void append(Path tsv, AutoresearchLoop.Trial t, double bestScore) {
        RegimeExperiment.Outcome o = t.number() >= 0 ? outcomes.get(t.number()) : null;
        if (o == null) {
          return;
        }
        String what = t.param() == null ? "baseline " + first.id() : t.param() + "=" + t.value();
        String comment = "loop " + tag + " trial " + t.number() + ": " + what + "; "
            + t.outcome().name().toLowerCase(java.util.Locale.ROOT);
        RegimeExperiment.appendTsv(tsv, o, comment.length() > 120 ? comment.substring(0, 120) : comment);
      }

      @Override
      public List<String> describe() {
        return List.of("Regime detector: the causal walk-forward of spec §4.8 on " + g.data() + " against "
            + g.labels() + (vix == null ? "" : ", VIX from " + g.vix()) + ", starting from " + from.id(),
            "Score: regime_score of spec §4.9 (Brier weights a = 1, b = 0.25, c = 8, λ = 7), fixed: the loop only "
                + "sets experiment settings.");
      }

      @Override
      public List<String> appendix(AutoresearchLoop.Result result) {
        List<String> lines = new ArrayList<>();
        RegimeExperiment.Outcome o = result.best().number() >= 0 ? outcomes.get(result.best().number()) : null;
        if (o != null) {
          RegimeScore.Report rep = o.report();
          lines.add("Winner's configuration: " + o.spec().id() + " (" + o.spec().observation() + ", K="
              + o.spec().states() + ", " + o.spec().emission() + ", " + o.spec().transitions() + ", order channel "
              + o.spec().orderChannel() + (o.spec().pinned() ? ", pinned" : "") + ")");
          lines.add("");
          lines.add("| period | s_P |");
          lines.add("|---|---:|");
          rep.perPeriod().forEach((k, v) -> lines.add("| " + k + " | " + LoopReport.num(v) + " |"));
          lines.add("");
          lines.add("regime_score = " + LoopReport.num(rep.regimeScore()) + " = Q " + LoopReport.num(rep.quality())
              + " × R " + LoopReport.num(rep.reliability()) + "; argmax_acc " + LoopReport.num(rep.argmaxAccuracy())
              + ", flips " + rep.flipCount());
        }
        return lines;
      }
    };
  }

  /** The per-day similarity of each scored consensus day (a day without a model counts as uniform, as the score does). */
  static double[] daySimilarities(RegimeExperiment.Outcome o, ConsensusLabels labels) {
    double[][] posterior = o.walk().posterior();
    List<Double> out = new ArrayList<>();
    double third = 1.0 / 3;
    for (int row = RegimeWalkForward.WARMUP_DAYS; row < o.dates().size(); row++) {
      ConsensusLabels.Period p = labels.on(o.dates().get(row));
      if (p == null || !p.consensus()) {
        continue;
      }
      double[] post = posterior[row];
      boolean missing = post == null || Double.isNaN(post[0]) || Double.isNaN(post[1]) || Double.isNaN(post[2]);
      out.add(RegimeScore.daySimilarity(missing ? new double[] {third, third, third} : post, p.label()));
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  //-------------------------------------------------------------------------
  // Locked defaults and the stale TSV

  static Map<String, String> readLocked(Path file) {
    Locked l = ConfigFiles.read(file, Locked.class, null);
    Map<String, String> m = new LinkedHashMap<>();
    if (l.defaults() != null) {
      l.defaults().forEach((k, v) -> m.put(k, LoopProgram.text(v)));
    }
    return m;
  }

  /** {@code locked.toml}: the defaults the loop has locked in so far. */
  record Locked(String tag, Map<String, Object> defaults) {}

  static void writeLocked(Path file, String tag, Map<String, String> defaults) throws IOException {
    StringBuilder b = new StringBuilder("# The defaults 'momentic research loop' locked in for " + tag
        + "; the next run of the program starts from them (--fresh ignores this file).\n");
    b.append("tag = \"").append(tag).append("\"\n\n[defaults]\n");
    defaults.forEach((k, v) -> b.append(k).append(" = ").append(tomlValue(v)).append('\n'));
    AtomicFiles.writeString(file, b.toString());
  }

  private static String tomlValue(String v) {
    if (v.equals("true") || v.equals("false")) {
      return v;
    }
    try {
      Double.parseDouble(v);
      return v.equals("NaN") || v.contains("Infinity") ? "\"" + v + "\"" : v;
    } catch (NumberFormatException e) {
      return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }

  /** Moves an existing TSV to {@code .bak} (then {@code .bak.1}, … so nothing earlier is overwritten). */
  static Path moveAside(Path tsv) throws IOException {
    if (!Files.exists(tsv)) {
      return null;
    }
    Path target = tsv.resolveSibling(tsv.getFileName() + ".bak");
    for (int i = 1; Files.exists(target); i++) {
      target = tsv.resolveSibling(tsv.getFileName() + ".bak." + i);
    }
    return Files.move(tsv, target, StandardCopyOption.ATOMIC_MOVE);
  }
}
