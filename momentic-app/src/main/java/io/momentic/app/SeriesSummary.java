package io.momentic.app;

import io.momentic.core.BarSeries;
import io.momentic.core.Interval;
import io.momentic.core.TradingCalendar;
import io.momentic.data.Timestamps;
import io.momentic.indicators.Drawdowns;
import io.momentic.indicators.Returns;
import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * A descriptive summary of one series: range, last close, total return, annualised volatility
 * of log returns (sample std × √periodsPerYear), max drawdown of closes, and missing bars.
 *
 * @param missingBars expected bars absent between the first and the last: on an exchange
 *     calendar the weekdays with no daily bar (holidays included); otherwise intervals skipped
 */
record SeriesSummary(String symbol, String interval, int bars, String first, String last, double lastClose,
    double totalReturnPct, double annualVolatilityPct, double maxDrawdownPct, long missingBars) {

  static SeriesSummary of(BarSeries s) {
    double[] closes = s.closes();
    double[] logReturns = Returns.log(closes);
    double mean = 0;
    int count = 0;
    for (int i = 1; i < logReturns.length; i++) {
      mean += logReturns[i];
      count++;
    }
    mean = count > 0 ? mean / count : Double.NaN;
    double ss = 0;
    for (int i = 1; i < logReturns.length; i++) {
      ss += (logReturns[i] - mean) * (logReturns[i] - mean);
    }
    double periodsPerYear = s.interval().periodsPerYear(s.instrument().calendar());
    double vol = count > 1 ? Math.sqrt(ss / (count - 1)) * Math.sqrt(periodsPerYear) : Double.NaN;
    double[] dd = Drawdowns.fromRunningMax(closes);
    double maxDd = 0;
    for (double d : dd) {
      maxDd = Math.min(maxDd, d);
    }
    return new SeriesSummary(s.symbol(), s.interval().code(), s.size(), Timestamps.format(s.firstTime()),
        Timestamps.format(s.lastTime()), closes[closes.length - 1], 100 * (closes[closes.length - 1] / closes[0] - 1),
        100 * vol, 100 * maxDd, missingBars(s));
  }

  static long missingBars(BarSeries s) {
    long missing = 0;
    if (s.interval() == Interval.MN1) {
      return 0;
    }
    boolean weekdays = s.interval() == Interval.D1 && s.instrument().calendar() == TradingCalendar.EXCHANGE;
    for (int i = 1; i < s.size(); i++) {
      long diff = s.time(i) - s.time(i - 1);
      if (weekdays) {
        LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(s.time(i - 1), 86_400_000L)).plusDays(1);
        LocalDate end = LocalDate.ofEpochDay(Math.floorDiv(s.time(i), 86_400_000L));
        while (d.isBefore(end)) {
          if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
            missing++;
          }
          d = d.plusDays(1);
        }
      } else if (diff > s.interval().millis()) {
        missing += diff / s.interval().millis() - 1;
      }
    }
    return missing;
  }
}
