package io.momentic.data;

import java.util.List;
import java.util.Locale;

/**
 * The file layouts Momentic reads, each detected from its header (or forced with
 * {@code --layout}). Column positions are zero-based; -1 means "absent".
 */
public enum BarLayout {
  /** Momentic's own: {@code timestamp,open_price,high_price,low_price,closing_price,volume}, newest first when written. */
  CANONICAL("canonical", List.of("timestamp", "open_price", "high_price", "low_price", "closing_price", "volume"),
      0, 1, 2, 3, 4, 5, -1, -1),
  /** Yahoo Finance: {@code Date,Open,High,Low,Close,Adj Close,Volume} (OHLC split-adjusted; Adj Close ignored). */
  YAHOO("yahoo", List.of("date", "open", "high", "low", "close", "adj close", "volume"), 0, 1, 2, 3, 4, 6, -1, -1),
  /** pandas with an unnamed index column: {@code ,Open,High,Low,Close,Volume}. */
  INDEXED("indexed", List.of("", "open", "high", "low", "close", "volume"), 0, 1, 2, 3, 4, 5, -1, -1),
  /** Long panel, one row per symbol and date: {@code date,open,high,low,close,volume,Name}. */
  LONG_PANEL("long-panel", List.of("date", "open", "high", "low", "close", "volume", "name"), 0, 1, 2, 3, 4, 5, 6, -1),
  /** Long panel keyed by token with epoch-ms times: {@code token,timestamp,open,high,low,close,volume}. */
  TOKEN_PANEL("token-panel", List.of("token", "timestamp", "open", "high", "low", "close", "volume"),
      1, 2, 3, 4, 5, 6, 0, -1),
  /**
   * Binance klines, 12 fields: {@code open_time,open,high,low,close,volume,close_time,quote_asset_volume,
   * trades,taker_buy_base,taker_buy_quote,ignore}; open time as epoch ms or ISO text; header optional.
   */
  BINANCE_KLINES("binance-klines", List.of("open_time", "open", "high", "low", "close", "volume", "close_time",
      "quote_asset_volume", "trades", "taker_buy_base", "taker_buy_quote", "ignore"), 0, 1, 2, 3, 4, 5, -1, 6),
  /** A raw {@code /api/v3/klines} JSON response: an array of 12-element kline arrays. */
  BINANCE_KLINES_JSON("binance-klines-json", List.of(), 0, 1, 2, 3, 4, 5, -1, 6),
  /** {@code date,open_time,open,high,low,close,volume}: the date plus the Binance open time in ms (which is used). */
  DATE_OPEN_TIME("date-open-time", List.of("date", "open_time", "open", "high", "low", "close", "volume"),
      1, 2, 3, 4, 5, 6, -1, -1),
  /** {@code date,open,high,low,close,volume}: the plainest OHLCV file (one symbol, named by the file). */
  DATE_OHLCV("date-ohlcv", List.of("date", "open", "high", "low", "close", "volume"), 0, 1, 2, 3, 4, 5, -1, -1),
  /** {@code date,open,high,low,close} with no volume column (e.g. an index such as VIX): volume is NaN. */
  DATE_OHLC("date-ohlc", List.of("date", "open", "high", "low", "close"), 0, 1, 2, 3, 4, -1, -1, -1);

  private final String code;
  private final List<String> header;
  private final int timeColumn;
  private final int openColumn;
  private final int highColumn;
  private final int lowColumn;
  private final int closeColumn;
  private final int volumeColumn;
  private final int symbolColumn;
  private final int closeTimeColumn;

  BarLayout(String code, List<String> header, int timeColumn, int openColumn, int highColumn, int lowColumn,
      int closeColumn, int volumeColumn, int symbolColumn, int closeTimeColumn) {
    this.code = code;
    this.header = header;
    this.timeColumn = timeColumn;
    this.openColumn = openColumn;
    this.highColumn = highColumn;
    this.lowColumn = lowColumn;
    this.closeColumn = closeColumn;
    this.volumeColumn = volumeColumn;
    this.symbolColumn = symbolColumn;
    this.closeTimeColumn = closeTimeColumn;
  }

  /** The {@code --layout} name. */
  public String code() {
    return code;
  }

  /** Lower-cased header names; empty for headerless formats. */
  public List<String> header() {
    return header;
  }

  public int fieldCount() {
    return this == BINANCE_KLINES_JSON ? 12 : header.size();
  }

  public int timeColumn() {
    return timeColumn;
  }

  public int openColumn() {
    return openColumn;
  }

  public int highColumn() {
    return highColumn;
  }

  public int lowColumn() {
    return lowColumn;
  }

  public int closeColumn() {
    return closeColumn;
  }

  public int volumeColumn() {
    return volumeColumn;
  }

  public int symbolColumn() {
    return symbolColumn;
  }

  public int closeTimeColumn() {
    return closeTimeColumn;
  }

  /** Whether one file holds many symbols. */
  public boolean isPanel() {
    return symbolColumn >= 0;
  }

  /** Column name for messages, as spelled in the layout's header. */
  public String columnName(int column) {
    if (column < 0) {
      return "";
    }
    if (this == BINANCE_KLINES_JSON) {
      return BINANCE_KLINES.header.get(column);
    }
    String name = header.get(column);
    return name.isEmpty() ? "(index)" : name;
  }

  /** The layout whose header matches (case-insensitive, trimmed), or null. */
  public static BarLayout fromHeader(List<String> fields) {
    for (BarLayout layout : values()) {
      if (layout.header.isEmpty() || layout.header.size() != fields.size()) {
        continue;
      }
      boolean match = true;
      for (int i = 0; i < fields.size() && match; i++) {
        match = layout.header.get(i).equals(normalise(fields.get(i)));
      }
      if (match) {
        return layout;
      }
    }
    return null;
  }

  static String normalise(String headerField) {
    String s = headerField.strip().toLowerCase(Locale.ROOT);
    if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
      s = s.substring(1);
    }
    return s;
  }

  /** Parses a {@code --layout} value. */
  public static BarLayout parse(String code) {
    for (BarLayout layout : values()) {
      if (layout.code.equalsIgnoreCase(code) || layout.name().equalsIgnoreCase(code)) {
        return layout;
      }
    }
    StringBuilder known = new StringBuilder();
    for (BarLayout layout : values()) {
      known.append(known.isEmpty() ? "" : ", ").append(layout.code);
    }
    throw new io.momentic.core.ConfigException("layout", "expected one of " + known + ", found '" + code + "'");
  }

  /** Header names of every detectable layout, for "unknown layout" messages. */
  public static String knownHeaders() {
    StringBuilder sb = new StringBuilder();
    for (BarLayout layout : values()) {
      if (!layout.header.isEmpty()) {
        sb.append(sb.isEmpty() ? "" : " | ").append(layout.code).append(": ").append(String.join(",", layout.header));
      }
    }
    return sb.toString();
  }
}
