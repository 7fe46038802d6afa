package io.momentic.data;

import io.momentic.core.Decimals;

import io.momentic.core.Timestamps;

import io.momentic.core.AtomicFiles;
import io.momentic.core.BarSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the canonical raw schema {@code timestamp,open_price,high_price,low_price,closing_price,volume},
 * newest row first (DESIGN.md §3). Numbers are written in plain decimal with the shortest
 * spelling that reads back to the same double; an unreported volume is an empty field.
 * Files are written to a temporary name and moved into place, so a reader never sees half a file.
 */
public final class CanonicalCsv {

  public static final String HEADER = String.join(",", BarLayout.CANONICAL.header());

  private CanonicalCsv() {}

  public static void write(BarSeries bars, Path file) {
    try {
      AtomicFiles.write(file, w -> write(bars, w));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  public static void write(BarSeries bars, Writer w) throws IOException {
    w.write(HEADER);
    w.write('\n');
    StringBuilder line = new StringBuilder(96);
    for (int i = bars.size() - 1; i >= 0; i--) {
      line.setLength(0);
      line.append(Timestamps.format(bars.time(i))).append(',')
          .append(formatNumber(bars.open(i))).append(',')
          .append(formatNumber(bars.high(i))).append(',')
          .append(formatNumber(bars.low(i))).append(',')
          .append(formatNumber(bars.close(i))).append(',');
      double v = bars.volume(i);
      if (!Double.isNaN(v)) {
        line.append(formatNumber(v));
      }
      line.append('\n');
      w.append(line);
    }
  }

  /** Shortest round-tripping decimal, never in scientific notation (see {@link Decimals#shortest}). */
  public static String formatNumber(double v) {
    return Decimals.shortest(v);
  }
}
