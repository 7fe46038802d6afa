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
      GemMetrics buyAndHold, double feeRate) {}

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
    GemMetrics benchmark = GemMetrics.of(GemBacktest.buyAndHold(data, r.feeRate(), EnsembleScore.INITIAL_CAPITAL));
    Map<String, Object> doc = record(main, timing, fit);
    doc.put("contract_fees", r.feeRate() == EnsembleScore.FEE_RATE);
    doc.put("params", p.values());
    doc.put(other.code().replace('-', '_'), record(alt, other, fit));
    doc.put("buy_and_hold", benchmark.toMap());
    return new RunRecord(doc, data, fit, timing, main, other, alt, benchmark, r.feeRate());
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
