package io.momentic.data;

import io.momentic.core.Annualisation;
import io.momentic.core.AssetClass;
import io.momentic.core.TradingCalendar;
import io.momentic.core.BarSeries;
import io.momentic.core.DataFormatException;
import io.momentic.core.DecimalParser;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.LoadFailure;
import io.momentic.core.Symbols;
import io.momentic.core.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates bar rows one at a time, whatever their source (CSV or JSON), and collects every
 * failure. Rows may arrive oldest-first or newest-first, but one direction per symbol.
 */
final class RowCollector {

  private static final int MAX_FAILURES = 10_000;

  private final String source;
  private final BarLayout layout;
  private final LoadOptions options;
  private final String defaultSymbol;
  private final Map<String, SymbolState> symbols = new LinkedHashMap<>();
  private final Set<String> rejectedSymbols = new HashSet<>();
  /** A panel symbol with fewer rows than this, beside symbols with ten times as many, is noted. */
  static final int SPARSE_ROWS = 5;
  // The first UTC offset seen and the first line with another: daily bars must keep one calendar.
  private String firstOffset;
  private long firstOffsetLine;
  private String otherOffset;
  private long otherOffsetLine;
  private final List<LoadFailure> failures = new ArrayList<>();
  private final List<LoadFailure> dropped = new ArrayList<>();
  private long rows;

  RowCollector(String source, BarLayout layout, LoadOptions options, String defaultSymbol) {
    this.source = source;
    this.layout = layout;
    this.options = options;
    this.defaultSymbol = defaultSymbol;
  }

  private static final class SymbolState {
    final String symbol;
    final BarSeries.Builder builder;
    long lastTime = Long.MIN_VALUE;
    long lastLine;
    int direction; // 0 unknown, 1 ascending, -1 descending
    long[] closeTimes = new long[0];

    SymbolState(String symbol) {
      this.symbol = symbol;
      // The instrument is fixed once the asset class is known (see finish()).
      this.builder = BarSeries.builder(Instrument.equity(symbol), Interval.D1);
    }
  }

  void fail(long line, int column, String expected, String found, String fix) {
    if (failures.size() < MAX_FAILURES) {
      failures.add(new LoadFailure(source, line, layout.columnName(column), expected, found, fix));
    }
  }

  void failFile(long line, String column, String expected, String found, String fix) {
    failures.add(new LoadFailure(source, line, column, expected, found, fix));
  }

  List<LoadFailure> failures() {
    return failures;
  }

  long rows() {
    return rows;
  }

  /** One data row; {@code fields} indexed by the layout's columns. */
  void accept(long line, FieldSource fields) {
    rows++;
    int fieldCount = fields.count();
    if (fieldCount != layout.fieldCount()) {
      fail(line, -1, layout.fieldCount() + " comma-separated fields (" + layout.code() + " layout)",
          fieldCount + " field" + (fieldCount == 1 ? "" : "s"),
          fieldCount == 1 ? "check the delimiter: fields must be separated by ','" : "check quoting and delimiters on this line");
      return;
    }
    String timeText = fields.get(layout.timeColumn());
    long time = Timestamps.parseOrInvalid(timeText.strip());
    String symbol = layout.symbolColumn() >= 0 ? fields.get(layout.symbolColumn()).strip() : defaultSymbol;
    if (time == Timestamps.INVALID) {
      fail(line, layout.timeColumn(), "an ISO-8601 date/time (e.g. 2024-01-15 or 2024-01-15T09:30:00Z) or epoch ms",
          quote(timeText), "fix the timestamp or pass --layout to choose another layout");
      return;
    }
    noteOffset(line, timeText.strip());
    if (symbol.isEmpty()) {
      fail(line, layout.symbolColumn(), "a symbol", "an empty field", "fill in the symbol");
      return;
    }
    double open = price(line, layout.openColumn(), fields);
    double high = price(line, layout.highColumn(), fields);
    double low = price(line, layout.lowColumn(), fields);
    double close = price(line, layout.closeColumn(), fields);
    double volume = Double.NaN;
    boolean volumeOk = true;
    if (layout.volumeColumn() >= 0) {
      String volumeText = fields.get(layout.volumeColumn()).strip();
      // Canonical files write an empty volume when the source did not report one.
      if (!(volumeText.isEmpty() && layout == BarLayout.CANONICAL)) {
        volume = volume(line, layout.volumeColumn(), volumeText);
        volumeOk = !Double.isNaN(volume);
      }
    }
    boolean valuesOk = volumeOk && !Double.isNaN(open) && !Double.isNaN(high) && !Double.isNaN(low)
        && !Double.isNaN(close);
    if (valuesOk) {
      Optional<BarRules.Violation> broken = BarRules.check(open, high, low, close, volume);
      if (broken.isPresent()) {
        BarRules.Violation v = broken.get();
        int column = switch (v.field()) {
          case OPEN -> layout.openColumn();
          case HIGH -> layout.highColumn();
          case LOW -> layout.lowColumn();
          case CLOSE -> layout.closeColumn();
          case VOLUME -> layout.volumeColumn();
        };
        rowProblem(line, column, v.expected(), v.found());
        valuesOk = false;
      }
    }
    if (!valuesOk) {
      return;
    }
    SymbolState state = symbols.get(symbol);
    if (state == null) {
      // A symbol names files later (data/raw/<symbol>.csv): checked once, where it first appears.
      Optional<String> problem = Symbols.problem(symbol);
      if (problem.isPresent()) {
        if (rejectedSymbols.add(symbol)) {
          fail(line, layout.symbolColumn(), "a symbol (" + Symbols.RULE + ")", Symbols.quoted(symbol) + ": "
              + problem.get(), "correct the symbol in the file (a symbol never holds a path)");
        }
        return;
      }
      state = new SymbolState(symbol);
      symbols.put(symbol, state);
    }
    if (state.lastTime != Long.MIN_VALUE) {
      if (time == state.lastTime) {
        fail(line, layout.timeColumn(), "a timestamp different from line " + state.lastLine + (layout.isPanel()
            ? " for " + symbol : ""), "duplicate " + quote(timeText), "remove the duplicate row");
        return;
      }
      int dir = time > state.lastTime ? 1 : -1;
      if (state.direction == 0) {
        state.direction = dir;
      } else if (dir != state.direction) {
        fail(line, layout.timeColumn(), (state.direction > 0 ? "a timestamp after " : "a timestamp before ")
            + Timestamps.format(state.lastTime) + " (line " + state.lastLine + ")" + (layout.isPanel() ? " for " + symbol : ""),
            "unsorted " + quote(timeText), "sort the file by timestamp (either direction, consistently)");
        return;
      }
    }
    state.lastTime = time;
    state.lastLine = line;
    state.builder.add(time, open, high, low, close, volume);
    if (layout.closeTimeColumn() >= 0) {
      long closeTime = Timestamps.parseOrInvalid(fields.get(layout.closeTimeColumn()).strip());
      int k = state.builder.size() - 1;
      if (k >= state.closeTimes.length) {
        state.closeTimes = Arrays.copyOf(state.closeTimes, Math.max(64, state.closeTimes.length * 2));
      }
      state.closeTimes[k] = closeTime;
    }
  }

  private void rowProblem(long line, int column, String expected, String found) {
    String fix = options.dropInvalid() ? "row dropped (--drop-invalid)" : "fix the row, or pass --drop-invalid to skip invalid rows (each is reported)";
    LoadFailure f = new LoadFailure(source, line, layout.columnName(column), expected, found, fix);
    if (options.dropInvalid()) {
      // One entry per dropped row: its first problem.
      if (dropped.isEmpty() || dropped.get(dropped.size() - 1).line() != line) {
        dropped.add(f);
      }
    } else if (failures.size() < MAX_FAILURES) {
      failures.add(f);
    }
  }

  private double price(long line, int column, FieldSource fields) {
    String text = fields.get(column).strip();
    double v = number(line, column, text);
    if (Double.isNaN(v)) {
      return v;
    }
    if (BarRules.priceProblem(v).isPresent()) {
      rowProblem(line, column, "a price > 0", quote(text));
      return Double.NaN;
    }
    return v;
  }

  private double volume(long line, int column, String text) {
    double v = number(line, column, text);
    if (Double.isNaN(v)) {
      return v;
    }
    if (v < 0) {
      rowProblem(line, column, "a volume >= 0", quote(text));
      return Double.NaN;
    }
    return v;
  }

  /** Parses a finite decimal number, or records the problem and returns NaN. */
  private double number(long line, int column, String text) {
    if (text.isEmpty()) {
      rowProblem(line, column, "a number", "an empty field");
      return Double.NaN;
    }
    char first = text.charAt(0);
    char last = text.charAt(text.length() - 1);
    boolean plausible = (first >= '0' && first <= '9') || first == '-' || first == '+' || first == '.';
    boolean endsWell = (last >= '0' && last <= '9') || last == '.';
    if (!plausible || !endsWell) {
      boolean nonFinite = text.equalsIgnoreCase("nan") || text.toLowerCase().contains("inf");
      rowProblem(line, column, nonFinite ? "a finite number" : "a number", quote(text));
      return Double.NaN;
    }
    try {
      double v = DecimalParser.parse(text); // Double.parseDouble's value, faster
      if (!Double.isFinite(v)) {
        rowProblem(line, column, "a finite number", quote(text));
        return Double.NaN;
      }
      return v;
    } catch (NumberFormatException e) {
      rowProblem(line, column, "a number", quote(text));
      return Double.NaN;
    }
  }

  static String quote(String s) {
    String shown = s.length() > 40 ? s.substring(0, 40) + "…" : s;
    return "'" + shown + "'";
  }

  static String fmt(double v) {
    return BarRules.fmt(v);
  }

  //-------------------------------------------------------------------------
  /** Builds the result, or throws with every failure found. */
  LoadedBars finish() {
    if (failures.isEmpty() && symbols.isEmpty()) {
      if (rows == 0) {
        failFile(0, "", "at least one data row after the header", "only the header", "add data rows");
      } else {
        failFile(0, "", "at least one valid row", "none (" + dropped.size() + " dropped)", "fix the source data");
      }
    }
    for (SymbolState state : symbols.values()) {
      if (state.direction < 0) {
        // Newest-first sources (canonical files) become ascending before anything reads them.
        state.builder.reverse();
        if (layout.closeTimeColumn() >= 0) {
          reverse(state.closeTimes, state.builder.size());
        }
      }
    }
    // Each symbol is built once; everything below reads these and relabels them without copying.
    List<BarSeries> built = new ArrayList<>(symbols.size());
    for (SymbolState state : symbols.values()) {
      built.add(state.builder.build());
    }
    Interval interval = options.interval();
    if (failures.isEmpty() && otherOffset != null) {
      // Mixed offsets move daily bars off midnight UTC, some onto weekends: the spacing and the
      // calendar would be guessed wrong (24/7, or no known interval). Said instead of guessed.
      Interval spaced = interval != null ? interval : inferInterval(built, false);
      if (spaced == null || spaced.millis() >= Interval.D1.millis()) {
        failFile(otherOffsetLine, layout.columnName(layout.timeColumn()), "one UTC offset in a daily file (line "
            + firstOffsetLine + " has " + firstOffset + ")", "UTC offset " + otherOffset,
            "write every timestamp in UTC (ending in Z) or as a plain date");
      }
    }
    if (failures.isEmpty() && interval == null) {
      interval = inferInterval(built);
    } else if (failures.isEmpty()) {
      // A given interval must agree with the data: daily bars labelled 1h would be stored as 1h.
      Interval spaced = inferInterval(built, false);
      if (spaced != null && spaced != interval) {
        failFile(0, "", "bars spaced by " + interval.code() + ", the interval given", "bars spaced by " + spaced.code(),
            "drop the interval (it is inferred from the data) or give " + spaced.code());
      }
    }
    if (!failures.isEmpty()) {
      throw new io.momentic.core.DataFormatException(failures);
    }
    List<BarSeries> series = new ArrayList<>(symbols.size());
    List<String> quirks = new ArrayList<>();
    AssetClass assetClass = options.assetClass() != null ? options.assetClass() : guessAssetClass(built, interval);
    String venue = options.venue() == null ? "csv" : options.venue();
    long zeroVolume = 0;
    int k = 0;
    for (SymbolState state : symbols.values()) {
      BarSeries bars = built.get(k++).withInstrument(Instrument.of(state.symbol, venue, assetClass))
          .withInterval(interval);
      series.add(bars);
      quirks.addAll(shortCandles(state, bars, interval));
      double maxPrice = 0;
      for (int i = 0; i < bars.size(); i++) {
        maxPrice = Math.max(maxPrice, bars.high(i));
        if (bars.volume(i) == 0) {
          zeroVolume++;
        }
      }
      double lastClose = bars.close(bars.size() - 1);
      if (maxPrice > 1000 * lastClose) {
        quirks.add(state.symbol + ": prices up to " + fmt(maxPrice) + " vs last close " + fmt(lastClose)
            + " (back-adjusted for reverse splits, or a collapse); accepted as is");
      }
    }
    if (zeroVolume > 0) {
      quirks.add(zeroVolume + " bar(s) with volume 0; accepted as is");
    }
    if (layout.isPanel() && series.size() > 1) {
      int most = series.stream().mapToInt(BarSeries::size).max().orElse(0);
      for (BarSeries b : series) {
        if (b.size() < SPARSE_ROWS && most >= 10 * SPARSE_ROWS) {
          quirks.add(b.symbol() + ": only " + b.size() + " row(s) where other symbols have up to " + most
              + " — suspicious (a typo in the symbol column?); accepted as is");
        }
      }
    }
    if (!dropped.isEmpty()) {
      quirks.add(dropped.size() + " invalid row(s) dropped under --drop-invalid (listed in the report)");
    }
    return new LoadedBars(source, layout, interval, List.copyOf(series), rows, List.copyOf(dropped), List.copyOf(quirks));
  }

  private static void reverse(long[] a, int n) {
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      long x = a[i];
      a[i] = a[j];
      a[j] = x;
    }
  }

  private List<String> shortCandles(SymbolState state, BarSeries bars, Interval interval) {
    if (layout.closeTimeColumn() < 0 || interval == Interval.MN1) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < bars.size(); i++) {
      long closeTime = state.closeTimes[i];
      long expectedClose = bars.time(i) + interval.millis() - 1;
      if (closeTime != Timestamps.INVALID && closeTime < expectedClose) {
        out.add(state.symbol + ": short candle " + Timestamps.format(bars.time(i)) + " closes at "
            + java.time.Instant.ofEpochMilli(closeTime) + " (" + (closeTime - bars.time(i) + 1) + " ms instead of "
            + interval.millis() + "; an exchange halt); accepted as is");
      }
    }
    return out;
  }

  private Interval inferInterval(List<BarSeries> built) {
    return inferInterval(built, true);
  }

  /** Records the timestamp's UTC offset ({@code Z} for UTC, a plain date or epoch ms) if it is new. */
  private void noteOffset(long line, String time) {
    if (otherOffset != null) {
      return;
    }
    String offset = "Z";
    int t = time.indexOf('T') > 0 ? time.indexOf('T') : time.indexOf(' ');
    if (t > 0) {
      int sign = Math.max(time.lastIndexOf('+'), time.lastIndexOf('-'));
      if (sign > t) {
        offset = time.substring(sign);
        if (offset.equals("+00:00") || offset.equals("-00:00") || offset.equals("+0000") || offset.equals("+00")) {
          offset = "Z";
        }
      }
    }
    if (firstOffset == null) {
      firstOffset = offset;
      firstOffsetLine = line;
    } else if (!firstOffset.equals(offset)) {
      otherOffset = offset;
      otherOffsetLine = line;
    }
  }

  /** The most common spacing between consecutive bars of the longest series; {@code report}: say why none. */
  private Interval inferInterval(List<BarSeries> built, boolean report) {
    if (built.isEmpty()) {
      return null;
    }
    BarSeries b = built.get(0);
    for (BarSeries s : built) {
      if (s.size() > b.size()) {
        b = s;
      }
    }
    if (b.size() < 2) {
      if (report) {
        failFile(0, "", "at least two bars to infer the bar interval", b.size() + " bar", "pass --interval (e.g. 1d)");
      }
      return null;
    }
    long mode = Interval.modeSpacing(b.times(), 5000);
    Interval interval = Interval.ofSpacing(mode);
    if (interval != null) {
      return interval;
    }
    if (report) {
      failFile(0, "", "bars spaced by a known interval (1m … 1w, monthly)", "a typical spacing of " + mode + " ms",
          "pass --interval");
    }
    return null;
  }

  private AssetClass guessAssetClass(List<BarSeries> built, Interval interval) {
    if (layout == BarLayout.BINANCE_KLINES || layout == BarLayout.BINANCE_KLINES_JSON
        || layout == BarLayout.DATE_OPEN_TIME || layout == BarLayout.TOKEN_PANEL) {
      return AssetClass.CRYPTO;
    }
    // The widest trading calendar any series shows: one weekend bar makes it 24/7.
    TradingCalendar widest = TradingCalendar.EXCHANGE;
    for (BarSeries b : built) {
      TradingCalendar c = Annualisation.inferCalendar(b.times(), interval);
      if (c.ordinal() > widest.ordinal()) {
        widest = c;
      }
    }
    return switch (widest) {
      case CONTINUOUS -> AssetClass.CRYPTO;
      case WEEKDAYS -> AssetClass.FX;
      case EXCHANGE -> AssetClass.EQUITY;
    };
  }


  /** Fields of one row, by column. */
  interface FieldSource {
    int count();

    String get(int column);
  }
}
