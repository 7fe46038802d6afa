package io.momentic.report.text;

import io.momentic.report.Json;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Plain-text tables for terminal output. */
public final class Tables {

  private Tables() {}

  public static void print(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int c = 0; c < header.size(); c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    out.println(line(header, widths));
    StringBuilder rule = new StringBuilder();
    for (int c = 0; c < widths.length; c++) {
      rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
    }
    out.println(rule);
    for (List<String> row : rows) {
      out.println(line(row, widths));
    }
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      if (c > 0) {
        sb.append("  ");
      }
      // Left-align the first column (names), right-align the rest (numbers).
      sb.append(c == 0 ? pad(cell, widths[c], false) : pad(cell, widths[c], true));
    }
    return sb.toString().stripTrailing();
  }

  private static String pad(String s, int width, boolean right) {
    String spaces = " ".repeat(Math.max(0, width - s.length()));
    return right ? spaces + s : s + spaces;
  }

  /** A flat map of numbers as JSON or as a two-column table; nested values print as JSON. */
  public static void printValues(PrintWriter out, java.util.Map<String, ?> values, boolean json) {
    {
      if (json) {
        out.println(Json.pretty(values));
        return;
      }
      List<List<String>> rows = new java.util.ArrayList<>();
      for (java.util.Map.Entry<String, ?> e : values.entrySet()) {
        Object v = e.getValue();
        rows.add(List.of(e.getKey(), v instanceof Double d ? String.format(Locale.ROOT, "%.6f", d)
            : v instanceof java.util.Map || v instanceof java.util.Collection || v instanceof double[]
                ? Json.compact(v) : String.valueOf(v)));
      }
      print(out, List.of("name", "value"), rows);
    }
  }

  public static String num(double v, int decimals) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }
}
