package io.momentic.workflow.data;

import io.momentic.analytics.EquityMetrics;
import io.momentic.analytics.ReturnMetrics;
import io.momentic.core.BarSeries;
import io.momentic.core.Interval;
import io.momentic.core.TradingCalendar;
import io.momentic.core.Timestamps;
import io.momentic.indicators.Returns;
import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * A descriptive summary of one series: range, last close, total return, annualised volatility
 * of log returns (sample std × √periodsPerYear), max drawdown of closes, and missing bars —
 * computed with the same analytics functions as backtest reports.
 *
 * @param missingBars expected bars absent between the first and the last: on an exchange
 *     calendar the weekdays with no daily bar (holidays included); otherwise intervals skipped
 */
public record SeriesSummary(String symbol, String interval, int bars, String first, String last, double lastClose,
    double totalReturnPct, double annualVolatilityPct, double maxDrawdownPct, long missingBars) {

  public static SeriesSummary of(BarSeries s) {
    double[] closes = s.closes();
    double periodsPerYear = s.interval().periodsPerYear(s.instrument().calendar());
    // Log returns start with NaN (no previous close); the metric skips it.
    double vol = ReturnMetrics.annualVolatility(Returns.log(closes), periodsPerYear);
    return new SeriesSummary(s.symbol(), s.interval().code(), s.size(), Timestamps.format(s.firstTime()),
        Timestamps.format(s.lastTime()), closes[closes.length - 1], 100 * (closes[closes.length - 1] / closes[0] - 1),
        100 * vol, 100 * EquityMetrics.maxDrawdown(closes), missingBars(s));
  }

  public static long missingBars(BarSeries s) {
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
