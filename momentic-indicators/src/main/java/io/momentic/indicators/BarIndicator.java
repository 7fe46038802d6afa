package io.momentic.indicators;

import io.momentic.core.BarSeries;
import java.util.List;

/**
 * An indicator computed from a bar series: one or more output columns, each as long as the
 * series, NaN during the first {@link #warmup()} bars. Implementations are causal: the value at
 * t depends only on bars ≤ t (a property every built-in is tested for).
 */
public interface BarIndicator {

  /** Name with parameters, e.g. {@code sma(20)}. */
  String name();

  /** Leading NaN bars of the longest-warming output. */
  int warmup();

  /** Output column names, in the order {@link #compute} returns them. */
  List<String> outputs();

  /** Computes every output over the visible bars of {@code bars}. */
  double[][] compute(BarSeries bars);

  /**
   * Whether the value depends on all prior history through a recursion (EMA, Wilder, ATR, ADX,
   * RSI): such values converge to, but are not identical with, a run on a shorter history.
   */
  default boolean recursive() {
    return false;
  }
}
