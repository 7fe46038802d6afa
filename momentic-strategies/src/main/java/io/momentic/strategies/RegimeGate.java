package io.momentic.strategies;

import io.momentic.analytics.hmm.RegimeFeatures;
import io.momentic.analytics.hmm.UnivariateHmm;
import io.momentic.analytics.regime.RegimeWalkForward;
import io.momentic.core.BarSeries;
import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.engine.BarContext;
import io.momentic.engine.Feature;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.Strategy;
import io.momentic.indicators.BarIndicator;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Any strategy, switched on and off by a regime labelling. While the gate is open the wrapped
 * strategy decides as usual; on a bar where it is closed, the wrapper cancels working orders and
 * targets weight 0 for every held symbol, and the wrapped strategy is not asked.
 *
 * <p>Two labellings:
 * <ul>
 *   <li>{@code hmm}: the harness's causal walk-forward of a K = 3 Gaussian HMM of the gate
 *       symbol's rolling-200 drawdown (refit every 30 bars on the bars before, filtered posterior
 *       only); closed when P(bear | bars ≤ t) exceeds {@code bearMax}. Before the first model
 *       (about 260 bars) there is no regime opinion and the gate is open.</li>
 *   <li>{@code breadth}: the momentum screen's breadth (share of names above their N-bar average);
 *       closed when it is below {@code breadthMin}.</li>
 * </ul>
 * Its parameters are strategy parameters ({@code regime-gate}, {@code regime-symbol},
 * {@code regime-bear-max}, {@code regime-breadth-ma}, {@code regime-breadth-min}), so a sweep over
 * them counts every value as a trial.
 */
public final class RegimeGate implements Strategy {

  /** Which labelling gates the strategy. */
  public enum Kind { HMM, BREADTH }

  /** The gate's settings; {@code symbol} null means the first symbol of the data. */
  public record Params(Kind kind, String symbol, double bearMax, int breadthMa, double breadthMin) {

    public Params {
      if (!(bearMax > 0 && bearMax <= 1)) {
        throw new ConfigException("regime-bear-max", "expected a probability in (0, 1], found " + bearMax);
      }
      if (breadthMa < 1) {
        throw new ConfigException("regime-breadth-ma", "expected at least 1 bar, found " + breadthMa);
      }
      if (!(breadthMin >= 0 && breadthMin <= 1)) {
        throw new ConfigException("regime-breadth-min", "expected a share in [0, 1], found " + breadthMin);
      }
    }

    public static Kind kind(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "hmm" -> Kind.HMM;
        case "breadth" -> Kind.BREADTH;
        default -> throw new ConfigException("regime-gate", "expected none, hmm or breadth, found '" + text + "'");
      };
    }
  }

  private final Strategy inner;
  private final Params params;
  private Feature open;

  public RegimeGate(Strategy inner, Params params) {
    this.inner = inner;
    this.params = params;
  }

  @Override
  public void prepare(PrepareContext context) {
    inner.prepare(context);
    Panel data = context.data();
    double[] gate = switch (params.kind()) {
      case HMM -> hmmGate(data, symbolIndex(data), params.bearMax());
      case BREADTH -> breadthGate(data, params.breadthMa(), params.breadthMin());
    };
    double[][] bySymbol = new double[data.symbolCount()][];
    Arrays.fill(bySymbol, gate);
    open = context.feature("regime_gate", bySymbol);
  }

  @Override
  public void onBar(BarContext c) {
    if (c.get(open, 0) != 0) {
      inner.onBar(c);
      return;
    }
    for (int s = 0; s < c.symbolCount(); s++) {
      c.cancelAll(s);
      if (c.position(s) != 0 && c.hasBar(s)) {
        c.targetWeight(s, 0);
      }
    }
  }

  /** The inner strategy hears about its orders whether the gate is open or not (it may hold state on them). */
  @Override
  public void onOrderEvent(BarContext c, io.momentic.engine.order.OrderEvent event) {
    inner.onOrderEvent(c, event);
  }

  private int symbolIndex(Panel data) {
    if (params.symbol() == null) {
      return 0;
    }
    return data.findSymbolIndex(params.symbol()).orElseThrow(() -> new ConfigException("regime-symbol",
        "expected a symbol of the data " + data.symbols() + ", found '" + params.symbol() + "'"));
  }

  /**
   * 1 where the gate is open, 0 where closed, per bar: P(bear) from the causal walk-forward of the
   * symbol's rolling-200 drawdown, open while it is at most {@code bearMax} or not yet known.
   */
  public static double[] hmmGate(Panel data, int symbol, double bearMax) {
    double[] close = data.closes(symbol);
    int n = close.length;
    int first = 0;
    while (first < n && !(close[first] > 0)) {
      first++;
    }
    double[] gate = new double[n];
    Arrays.fill(gate, 1);
    if (first == n) {
      return gate;
    }
    // Carry the last close over holes so the drawdown series is contiguous once it starts.
    double[] listed = Arrays.copyOfRange(close, first, n);
    for (int t = 1; t < listed.length; t++) {
      if (!(listed[t] > 0)) {
        listed[t] = listed[t - 1];
      }
    }
    double[][] posterior = walkPosterior(listed);
    for (int t = 0; t < listed.length; t++) {
      double bear = posterior[t][0];
      if (bear > bearMax) { // NaN (no model yet) compares false: open
        gate[first + t] = 0;
      }
    }
    return gate;
  }

  /**
   * The walk-forward's filtered (bear, ranging, bull) posterior of a series' rolling-200 drawdown
   * as an indicator, so the look-ahead audit checks the HMM filter itself: NaN until the first
   * model (bar 260), then P(state | bars ≤ t).
   */
  public static BarIndicator filteredPosterior() {
    return new BarIndicator() {
      @Override
      public String name() {
        return "hmm_filtered_posterior";
      }

      @Override
      public int warmup() {
        return RegimeWalkForward.WARMUP_DAYS + 2 * RegimeWalkForward.REFIT_CADENCE_DAYS;
      }

      @Override
      public List<String> outputs() {
        return List.of("bear", "ranging", "bull");
      }

      @Override
      public double[][] compute(BarSeries bars) {
        double[][] rows = walkPosterior(bars.closes());
        double[][] out = new double[3][rows.length];
        for (int t = 0; t < rows.length; t++) {
          for (int k = 0; k < 3; k++) {
            out[k][t] = rows[t][k];
          }
        }
        return out;
      }
    };
  }

  /** Per bar (bear, ranging, bull): the harness baseline's walk-forward of the closes' rolling-200 drawdown. */
  private static double[][] walkPosterior(double[] close) {
    double[] drawdown = RegimeFeatures.rollingMaxDrawdown(close, RegimeFeatures.DRAWDOWN_WINDOW);
    return RegimeWalkForward.run(drawdown, RegimeWalkForward.Settings.baseline(UnivariateHmm.Family.GAUSSIAN))
        .posterior();
  }

  /** 1 where the share of names above their {@code ma}-bar average is at least {@code min} (or unknown), else 0. */
  public static double[] breadthGate(Panel data, int ma, double min) {
    double[] breadth = XsecMomentum.breadth(data, ma);
    double[] gate = new double[breadth.length];
    for (int t = 0; t < gate.length; t++) {
      gate[t] = Double.isNaN(breadth[t]) || breadth[t] >= min ? 1 : 0;
    }
    return gate;
  }
}
