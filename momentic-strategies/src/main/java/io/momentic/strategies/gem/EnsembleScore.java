package io.momentic.strategies.gem;

/**
 * The fixed scoring contract of the GEM autoresearch loop (spec §2), kept apart from the model
 * body so a loop can change the model but never the yardstick: run the candidate at the base fee
 * (0.3 % a side) and at 1.5× (0.45 %), both from $10,000, and score
 * {@code ann · 1/(1 + max(0, dd − 0.15))² · (1 + 0.1·(1 − HHI))}, with hard rejections (−∞)
 * for an annual return below −50 % or a negative stress Calmar.
 */
public final class EnsembleScore {

  public static final double FEE_RATE = 0.003;
  public static final double STRESS_FEE_RATE = FEE_RATE * 1.5;
  public static final double INITIAL_CAPITAL = 10_000;
  /** Drawdown up to this fraction costs nothing. */
  public static final double FREE_DRAWDOWN = 0.15;

  /** A scored candidate: the score, both runs' metrics and the base run itself. */
  public record Evaluation(double score, GemMetrics base, GemMetrics stress, GemBacktest.Result baseRun) {}

  private EnsembleScore() {}

  /** {@code ensemble_score(base, stress)}. */
  public static double score(GemMetrics base, GemMetrics stress) {
    double annual = base.annualizedReturnPct() / 100;
    if (annual < -0.50 || stress.calmarRatio() < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    double drawdown = Math.abs(base.maxDrawdownPct()) / 100;
    double excess = 1 + Math.max(0, drawdown - FREE_DRAWDOWN);
    double dampener = 1 / (excess * excess);
    double diversification = 1 + 0.1 * (1 - base.hhi());
    return annual * dampener * diversification;
  }

  /** {@code evaluate(params)}: the base and stress runs with the contract's fee and capital, and the score. */
  public static Evaluation evaluate(GemData data, GemParams params, GemFit.Model model, GemBacktest.Timing timing) {
    return evaluate(data, params, model, timing, FEE_RATE);
  }

  /**
   * The same at another base fee (stress at 1.5× it) — for "what if my fees differ"; a score at
   * any fee but {@link #FEE_RATE} is not the contract's score and must be labelled so.
   */
  public static Evaluation evaluate(GemData data, GemParams params, GemFit.Model model, GemBacktest.Timing timing,
      double feeRate) {
    GemBacktest.Result base = GemBacktest.run(data, params.withFees(feeRate, INITIAL_CAPITAL), model, timing);
    GemBacktest.Result stress = GemBacktest.run(data, params.withFees(feeRate * 1.5, INITIAL_CAPITAL), model, timing);
    GemMetrics b = GemMetrics.of(base);
    GemMetrics s = GemMetrics.of(stress);
    return new Evaluation(score(b, s), b, s, base);
  }
}
