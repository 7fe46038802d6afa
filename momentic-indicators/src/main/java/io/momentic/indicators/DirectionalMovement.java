package io.momentic.indicators;

import io.momentic.core.Checks;

/**
 * Wilder's directional movement system (TA-Lib convention): +DI, −DI and ADX.
 *
 * <p>For {@code t ≥ 1}: {@code up = h_t − h_{t−1}}, {@code down = l_{t−1} − l_t};
 * {@code +DM = up} if {@code up > down} and {@code up > 0}, else 0; {@code −DM} mirrored.
 * TR, +DM and −DM are Wilder-summed: the first sum covers bars {@code 1..p}, then
 * {@code S_t = S_{t−1} − S_{t−1}/p + x_t}. {@code +DI = 100·S(+DM)/S(TR)} (first at index
 * {@code p}); {@code DX = 100·|+DI − −DI| / (+DI + −DI)}; ADX = mean of the first {@code p} DX
 * values (first at index {@code 2p − 1}), then {@code ADX_t = (ADX_{t−1}·(p−1) + DX_t)/p}.
 */
public final class DirectionalMovement {

  /** The three outputs, each as long as the input. */
  public record Result(double[] plusDi, double[] minusDi, double[] adx) {}

  private DirectionalMovement() {}

  /** Leading NaNs of +DI and −DI. */
  public static int diWarmup(int period) {
    return Checks.positive(period, "period");
  }

  /** Leading NaNs of ADX. */
  public static int adxWarmup(int period) {
    return 2 * Checks.positive(period, "period") - 1;
  }

  public static Result compute(double[] high, double[] low, double[] close, int period) {
    Checks.positive(period, "period");
    int n = close.length;
    double[] plusDi = Arrays2.nans(n);
    double[] minusDi = Arrays2.nans(n);
    double[] adx = Arrays2.nans(n);
    double sumTr = 0;
    double sumPlus = 0;
    double sumMinus = 0;
    double dxSum = 0;
    double adxValue = Double.NaN;
    for (int t = 1; t < n; t++) {
      double up = high[t] - high[t - 1];
      double down = low[t - 1] - low[t];
      double plusDm = (up > down && up > 0) ? up : 0;
      double minusDm = (down > up && down > 0) ? down : 0;
      double tr = TrueRange.trueRangeAt(high[t], low[t], close[t - 1]);
      if (t <= period) {
        sumTr += tr;
        sumPlus += plusDm;
        sumMinus += minusDm;
        if (t < period) {
          continue;
        }
      } else {
        sumTr = sumTr - sumTr / period + tr;
        sumPlus = sumPlus - sumPlus / period + plusDm;
        sumMinus = sumMinus - sumMinus / period + minusDm;
      }
      double pdi = sumTr == 0 ? 0 : 100 * sumPlus / sumTr;
      double mdi = sumTr == 0 ? 0 : 100 * sumMinus / sumTr;
      plusDi[t] = pdi;
      minusDi[t] = mdi;
      double diSum = pdi + mdi;
      double dx = diSum == 0 ? 0 : 100 * Math.abs(pdi - mdi) / diSum;
      int dxIndex = t - period; // 0 for the first DX
      if (dxIndex < period) {
        dxSum += dx;
        if (dxIndex == period - 1) {
          adxValue = dxSum / period;
          adx[t] = adxValue;
        }
      } else {
        adxValue = (adxValue * (period - 1) + dx) / period;
        adx[t] = adxValue;
      }
    }
    return new Result(plusDi, minusDi, adx);
  }
}
