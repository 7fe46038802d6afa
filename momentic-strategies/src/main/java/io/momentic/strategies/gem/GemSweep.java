package io.momentic.strategies.gem;

import io.momentic.analytics.EquityMetrics;
import io.momentic.analytics.ReturnMetrics;
import io.momentic.analytics.SharpeStatistics;
import io.momentic.research.BacktestOverfitting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The autoresearch sweep of spec §1.8: one parameter at a time over a list of values, each
 * candidate = the base parameters with that one field replaced, scored by {@link EnsembleScore};
 * a candidate is kept when its score is finite and strictly above the best so far in this sweep.
 * Beside the reference's keep/discard it reports what the research toolkit says about the best:
 * the number of trials, its deflated Sharpe ratio and the sweep's probability of backtest
 * overfitting (CSCV on the candidates' daily returns).
 */
public final class GemSweep {

  /** Daily data of 24/7 markets: 365 periods a year for the deflated Sharpe ratio. */
  static final double PERIODS_PER_YEAR = 365;
  static final int PBO_PARTITIONS = 8;

  /** One candidate, numbered from 0 in sweep order. */
  public record Candidate(int exp, String param, String value, GemParams params, EnsembleScore.Evaluation evaluation,
      double bestSoFar, boolean kept) {

    public String description() {
      return param + "=" + value;
    }
  }

  /** The sweep; {@code best} is null when no candidate scored a finite value, {@code pbo} when there is one candidate. */
  public record Result(List<Candidate> candidates, Candidate best, SharpeStatistics.Deflated deflated,
      BacktestOverfitting.Result pbo) {}

  private GemSweep() {}

  public static Result run(GemData data, GemParams base, String param, List<String> values, GemFit.Model model,
      GemBacktest.Timing timing) {
    List<Candidate> out = new ArrayList<>();
    double best = Double.NEGATIVE_INFINITY;
    Candidate bestCandidate = null;
    for (int i = 0; i < values.size(); i++) {
      GemParams p = base.with(param, values.get(i));
      EnsembleScore.Evaluation e = EnsembleScore.evaluate(data, p, model, timing);
      boolean kept = Double.isFinite(e.score()) && e.score() > best;
      if (kept) {
        best = e.score();
      }
      Candidate c = new Candidate(i, param, values.get(i).strip(), p, e, best, kept);
      if (kept) {
        bestCandidate = c;
      }
      out.add(c);
    }
    SharpeStatistics.Deflated deflated = null;
    BacktestOverfitting.Result pbo = null;
    if (bestCandidate != null) {
      double[][] returns = new double[out.size()][];
      double[] sharpes = new double[out.size()];
      for (int i = 0; i < out.size(); i++) {
        returns[i] = EquityMetrics.returns(out.get(i).evaluation().baseRun().values());
        double sharpe = ReturnMetrics.sharpe(returns[i], PERIODS_PER_YEAR);
        sharpes[i] = Double.isNaN(sharpe) ? 0 : sharpe; // a candidate that never moves (all cash) has no edge
      }
      double[] bestReturns = returns[bestCandidate.exp()];
      if (bestReturns.length > 2 && variance(bestReturns) > 0) { // an all-cash best has no Sharpe ratio to deflate
        deflated = SharpeStatistics.deflated(bestReturns, PERIODS_PER_YEAR, out.size(),
            out.size() > 1 ? variance(sharpes) : 0);
      }
      int rows = returns[0].length;
      if (out.size() > 1 && rows >= 2 * PBO_PARTITIONS) {
        double[][] matrix = new double[rows][out.size()];
        for (int t = 0; t < rows; t++) {
          for (int n = 0; n < out.size(); n++) {
            matrix[t][n] = returns[n][t];
          }
        }
        pbo = BacktestOverfitting.cscv(matrix, PBO_PARTITIONS);
      }
    }
    return new Result(List.copyOf(out), bestCandidate, deflated, pbo);
  }

  private static double variance(double[] x) {
    double sd = ReturnMetrics.std(x);
    return sd * sd;
  }

  //-------------------------------------------------------------------------
  // The results TSV (spec §1.8 column order)

  public static List<String> header() {
    List<String> h = new ArrayList<>(List.of("exp", "param", "value", "score", "annualized_return_pct",
        "max_drawdown_pct", "sharpe", "sortino", "calmar", "calmar_stress", "hhi", "rebalance_count", "best_so_far",
        "outcome", "description"));
    h.addAll(GemParams.FIELDS);
    return h;
  }

  public static List<String> row(Candidate c) {
    GemMetrics b = c.evaluation().base();
    List<String> r = new ArrayList<>(List.of(Integer.toString(c.exp()), c.param(), c.value(),
        number(c.evaluation().score()), number(b.annualizedReturnPct()), number(b.maxDrawdownPct()),
        number(b.sharpeRatio()), number(b.sortinoRatio()), number(b.calmarRatio()),
        number(c.evaluation().stress().calmarRatio()), number(b.hhi()), Integer.toString(b.rebalanceCount()),
        number(c.bestSoFar()), c.kept() ? "kept" : "discarded", c.description()));
    for (Map.Entry<String, Object> e : c.params().values().entrySet()) {
      Object v = e.getValue();
      r.add(v instanceof Boolean bool ? (bool ? "True" : "False") : v instanceof Double d ? number(d) : v.toString());
    }
    return r;
  }

  /** Appends one row per candidate; the header only when the file is new. */
  public static void append(Path tsv, Result result) {
    append(tsv, result.candidates());
  }

  /** Appends one row per candidate; the header only when the file is new. */
  public static void append(Path tsv, List<Candidate> candidates) {
    try {
      Path parent = tsv.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      StringBuilder b = new StringBuilder();
      if (!Files.exists(tsv) || Files.size(tsv) == 0) {
        b.append(String.join("\t", header())).append('\n');
      }
      for (Candidate c : candidates) {
        b.append(String.join("\t", row(c))).append('\n');
      }
      Files.writeString(tsv, b, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Numbers as Python prints them (shortest round-trip; inf, -inf, nan). */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return Double.toString(v);
  }
}
