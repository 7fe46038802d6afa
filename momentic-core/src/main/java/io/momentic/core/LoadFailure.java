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
    sb.append("expected ").append(expected).append(", found ").append(found);
    if (fix != null && !fix.isEmpty()) {
      sb.append("; fix: ").append(fix);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return message();
  }
}
