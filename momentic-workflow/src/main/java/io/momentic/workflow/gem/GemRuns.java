package io.momentic.workflow.gem;

import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.data.BarFiles;
import io.momentic.data.LoadOptions;
import io.momentic.strategies.gem.EnsembleScore;
import io.momentic.strategies.gem.GemBacktest;
import io.momentic.strategies.gem.GemData;
import io.momentic.strategies.gem.GemFit;
import io.momentic.strategies.gem.GemMetrics;
import io.momentic.strategies.gem.GemParams;
import io.momentic.strategies.gem.GemSweep;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The GEM bear specialist's workflows (reference {@code 004}): one scored run, and the one-parameter sweep. */
public final class GemRuns {

  private GemRuns() {}

  /** The basket, the model body (preset, fit, timing) and the overrides of its parameters. */
  public record Model(Path data, LoadOptions load, String preset, String fit, String timing) {

    public GemData read() {
      return GemData.of(Panel.align(BarFiles.read(data, load).series()));
    }
  }

  /** {@code momentic gem run}: the model with its parameter overrides and the fee per side. */
  public record RunRequest(Model model, Map<String, String> params, double feeRate) {}

  /**
   * The run in its timing, the other timing beside it, the equal-weight buy-and-hold, and the
   * document {@code --json} prints.
   */
  public record RunRecord(Map<String, Object> document, GemData data, GemFit.Model fit, GemBacktest.Timing timing,
      EnsembleScore.Evaluation main, GemBacktest.Timing otherTiming, EnsembleScore.Evaluation other,
      GemMetrics buyAndHold, double feeRate, GemBacktest.Result buyAndHoldRun) {}

  public static RunRecord run(RunRequest r) {
    if (!(r.feeRate() >= 0 && r.feeRate() < 1)) {
      throw new ConfigException("fee-rate", "expected a fraction in [0, 1), found " + r.feeRate());
    }
    GemParams p = GemParams.preset(r.model().preset());
    for (Map.Entry<String, String> e : r.params().entrySet()) {
      p = p.with(e.getKey(), e.getValue());
    }
    GemFit.Model fit = GemFit.Model.parse(r.model().fit());
    GemBacktest.Timing timing = GemBacktest.Timing.parse(r.model().timing());
    GemBacktest.Timing other = timing == GemBacktest.Timing.SAME_CLOSE ? GemBacktest.Timing.NEXT_OPEN
        : GemBacktest.Timing.SAME_CLOSE;
    GemData data = r.model().read();
    EnsembleScore.Evaluation main = EnsembleScore.evaluate(data, p, fit, timing, r.feeRate());
    EnsembleScore.Evaluation alt = EnsembleScore.evaluate(data, p, fit, other, r.feeRate());
    GemBacktest.Result held = GemBacktest.buyAndHold(data, r.feeRate(), EnsembleScore.INITIAL_CAPITAL);
    GemMetrics benchmark = GemMetrics.of(held);
    Map<String, Object> doc = record(main, timing, fit);
    doc.put("contract_fees", r.feeRate() == EnsembleScore.FEE_RATE);
    doc.put("params", p.values());
    doc.put(other.code().replace('-', '_'), record(alt, other, fit));
    doc.put("buy_and_hold", benchmark.toMap());
    // The notebook's monthly win rate (30-snapshot chunks) of the run and of the buy-and-hold.
    doc.put("monthly_win_rate_pct", GemMetrics.monthlyWinRatePct(main.baseRun().values()));
    doc.put("buy_and_hold_monthly_win_rate_pct", GemMetrics.monthlyWinRatePct(held.values()));
    Map<String, Object> manifest = new java.util.TreeMap<>();
    manifest.put("strategy", "gem");
    manifest.put("data", r.model().data().toString());
    manifest.put("data_sha256", io.momentic.workflow.Inputs.sha256(r.model().data()));
    manifest.put("preset", r.model().preset());
    manifest.put("fit", fit.name().toLowerCase(Locale.ROOT));
    manifest.put("timing", timing.code());
    manifest.put("fee_rate", r.feeRate());
    manifest.put("first_day", io.momentic.core.Timestamps.formatDate(data.calendar()[0]));
    manifest.put("last_day", io.momentic.core.Timestamps.formatDate(data.calendar()[data.calendar().length - 1]));
    manifest.put("params", p.values());
    manifest.put("code_version", io.momentic.core.BuildInfo.version());
    doc.put("manifest", manifest);
    return new RunRecord(doc, data, fit, timing, main, other, alt, benchmark, r.feeRate(), held);
  }

  /** The run's id: {@code gem-} and the start of its manifest's hash (same run, same folder). */
  public static String runId(RunRecord r) {
    return "gem-" + io.momentic.workflow.Inputs.sha256Hex(io.momentic.report.Json.compact(r.document().get("manifest"))
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 12);
  }

  /**
   * The run folder: {@code gem.json} (the document), {@code equity.csv} (each day's value of the
   * walk and of the equal-weight buy-and-hold) and {@code report.html}; {@code out} null puts it
   * at {@code resultsRoot/<run id>}.
   */
  public static Path write(RunRecord r, Path resultsRoot, Path out) throws IOException {
    String id = runId(r);
    Path dir = out != null ? out : resultsRoot.resolve(id);
    java.nio.file.Files.createDirectories(dir);
    io.momentic.core.AtomicFiles.writeString(dir.resolve("gem.json"), io.momentic.report.Json.pretty(r.document())
        + "\n");
    long[] days = r.main().baseRun().calendar();
    double[] walk = r.main().baseRun().values();
    double[] held = r.buyAndHoldRun().values();
    StringBuilder csv = new StringBuilder("date,value,buy_and_hold\n");
    for (int t = 0; t < days.length; t++) {
      csv.append(io.momentic.core.Timestamps.formatDate(days[t])).append(',')
          .append(io.momentic.report.Numbers.csv(walk[t])).append(',')
          .append(io.momentic.report.Numbers.csv(held[t])).append('\n');
    }
    io.momentic.core.AtomicFiles.writeString(dir.resolve("equity.csv"), csv.toString());
    io.momentic.core.AtomicFiles.writeString(dir.resolve("report.html"), io.momentic.report.page.Pages.gemReport(
        io.momentic.report.page.GemReportView.of(id, r.document(),
            io.momentic.report.BenchmarkCharts.pair("gem-equity", days, walk, held, false),
            io.momentic.report.BenchmarkCharts.pair("gem-underwater", days, underwater(walk), underwater(held),
                false))));
    return dir;
  }

  /** Drawdown from the running peak, in percent. */
  private static double[] underwater(double[] values) {
    double[] out = io.momentic.indicators.Drawdowns.fromRunningMax(values);
    for (int t = 0; t < out.length; t++) {
      out[t] *= 100;
    }
    return out;
  }

  /** The §1.6 record of one evaluation, with its score and its 1.5× stress record. */
  public static Map<String, Object> record(EnsembleScore.Evaluation e, GemBacktest.Timing timing, GemFit.Model fit) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("timing", timing.code());
    m.put("fit", fit.name().toLowerCase(Locale.ROOT));
    m.putAll(e.base().toMap());
    m.put("score", Double.isFinite(e.score()) ? e.score() : null);
    m.put("rejected", !Double.isFinite(e.score()));
    m.put("stress", e.stress().toMap());
    return m;
  }

  /** {@code momentic gem sweep}: one parameter over values; {@code resultsTsv} null writes no row. */
  public record SweepRequest(Model model, String param, List<String> values, Path resultsTsv) {}

  /** The sweep, its document, how long it took and the TSV appended to (or null). */
  public record SweepRecord(GemSweep.Result result, Map<String, Object> document, double seconds, Path resultsTsv) {}

  public static SweepRecord sweep(SweepRequest r) throws IOException {
    GemParams base = GemParams.preset(r.model().preset());
    base.with(r.param(), r.values().get(0)); // fail fast on an unknown field or a bad value
    GemFit.Model fit = GemFit.Model.parse(r.model().fit());
    GemBacktest.Timing timing = GemBacktest.Timing.parse(r.model().timing());
    long started = System.nanoTime();
    GemSweep.Result result = GemSweep.run(r.model().read(), base, r.param(), r.values(), fit, timing);
    double seconds = (System.nanoTime() - started) / 1e9;
    if (r.resultsTsv() != null) {
      GemSweep.append(r.resultsTsv(), result);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("param", r.param());
    doc.put("trials", result.candidates().size());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (GemSweep.Candidate c : result.candidates()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("exp", c.exp());
      m.put("value", c.value());
      m.put("outcome", c.kept() ? "kept" : "discarded");
      m.putAll(record(c.evaluation(), timing, fit));
      rows.add(m);
    }
    doc.put("candidates", rows);
    doc.put("best", result.best() == null ? null : result.best().description());
    doc.put("deflated_sharpe", result.deflated() == null ? null : Map.of("psr", result.deflated().psr(), "dsr",
        result.deflated().dsr(), "sr0", result.deflated().sr0()));
    doc.put("pbo", result.pbo() == null ? null : result.pbo().pbo());
    doc.put("results_tsv", r.resultsTsv() == null ? null : r.resultsTsv().toString());
    return new SweepRecord(result, doc, seconds, r.resultsTsv());
  }
}
