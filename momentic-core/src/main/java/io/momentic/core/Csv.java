package io.momentic.core;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** CSV rows as RFC 4180 writes them: a cell with a comma, quote or line break is quoted, quotes doubled. */
public final class Csv {

  private Csv() {}

  public static String cell(String text) {
    if (text == null) {
      return "";
    }
    boolean quote = false;
    for (int i = 0; i < text.length() && !quote; i++) {
      char c = text.charAt(i);
      quote = c == ',' || c == '"' || c == '\n' || c == '\r';
    }
    return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
  }

  /** One row, cells quoted where needed, ending in a newline. */
  public static void row(Writer w, List<String> cells) throws IOException {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        w.write(',');
      }
      w.write(cell(cells.get(i)));
    }
    w.write('\n');
  }

  /** A header and rows as one CSV text. */
  public static String table(List<String> header, List<List<String>> rows) {
    java.io.StringWriter w = new java.io.StringWriter();
    try {
      row(w, header);
      for (List<String> r : rows) {
        row(w, r);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
    }
    return w.toString();
  }
}
