package io.momentic.strategies.breakout;

import io.momentic.core.BarSeries;
import java.util.Arrays;
import java.util.Optional;

/**
 * The port to the regime score's outside inputs (reference 001): a market sentiment index (the
 * Fear &amp; Greed index, 0–100), the perpetual funding rate and the change of open interest. Each is
 * optional: a source that has none returns empty and the score renormalises its weights over the
 * inputs present. Values are the ones in force at each bar's close — the latest published at or
 * before it — so the score stays causal.
 */
public interface RegimeInputs {

  /** The outside inputs. */
  enum Input {
    /** Fear &amp; Greed, 0 (extreme fear) … 100 (extreme greed). */
    FEAR_GREED,
    /** Funding rate per 8 h as a fraction (0.0001 = 0.01 %). */
    FUNDING,
    /** Open interest change over the last 24 h, in percent. */
    OPEN_INTEREST
  }

  /** The input's value at each bar of {@code bars} (NaN where unknown), or empty when this source has none. */
  Optional<double[]> series(Input input, BarSeries bars);

  /** No outside inputs: the score is ADX's alone (and says so). */
  RegimeInputs NONE = (input, bars) -> Optional.empty();

  /**
   * Values published at {@code times} (ascending epoch ms), each in force from its time on: the
   * value at a bar is the latest published at or before the bar's close.
   */
  static double[] alignAtOrBefore(long[] times, double[] values, BarSeries bars) {
    double[] out = new double[bars.size()];
    Arrays.fill(out, Double.NaN);
    long step = bars.interval().millis();
    int j = -1;
    for (int t = 0; t < bars.size(); t++) {
      long closeTime = bars.time(t) + step;
      while (j + 1 < times.length && times[j + 1] <= closeTime) {
        j++;
      }
      if (j >= 0) {
        out[t] = values[j];
      }
    }
    return out;
  }
}
