package io.momentic.core;

/**
 * One problem found while reading input: where it is, what was expected, what was found, and
 * how to fix it. {@code line} and {@code column} are 1-based; 0 means "not applicable".
 */
public record LoadFailure(String source, long line, String column, String expected, String found, String fix) {

  /** One line: {@code bars.csv:1042: column 'close' expected finite > 0, found 'NaN'; fix: ...}. */
  public String message() {
    StringBuilder sb = new StringBuilder(source);
    if (line > 0) {
      sb.append(':').append(line);
    }
    sb.append(": ");
    if (column != null && !column.isEmpty()) {
      // In a config file the place is a key (crosses.window_days), in a bar file a column.
      sb.append(source.endsWith(".toml") ? "key '" : "column '").append(column).append("' ");
    }
    sb.append("expected ").append(expected).append(", found ").append(oneLine(found));
    if (fix != null && !fix.isEmpty()) {
      sb.append("; fix: ").append(fix);
    }
    return sb.toString();
  }

  /** What was found, on one line: a quoted field may hold line breaks and other control characters. */
  static String oneLine(String text) {
    if (text == null) {
      return "nothing";
    }
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  @Override
  public String toString() {
    return message();
  }
}
