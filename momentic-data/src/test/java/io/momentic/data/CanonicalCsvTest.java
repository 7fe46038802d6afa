package io.momentic.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.BarSeries;
import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalCsvTest {

  @TempDir
  Path dir;

  @Test
  void write_newestFirst_canonicalHeader() throws IOException {
    BarSeries s = TestBars.daily("ABC", "2024-01-01", 10, 11.5);
    StringWriter w = new StringWriter();
    CanonicalCsv.write(s, w);
    List<String> lines = w.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("timestamp,open_price,high_price,low_price,closing_price,volume");
    assertThat(lines.get(1)).startsWith("2024-01-02T00:00:00Z,10,");
    assertThat(lines.get(2)).startsWith("2024-01-01T00:00:00Z,10,");
  }

  @Test
  void roundTrip_fileReadsBackIdentically() {
    BarSeries s = TestBars.randomWalk(5, 500);
    Path f = dir.resolve("RW5.csv");
    CanonicalCsv.write(s, f);
    LoadedBars back = BarFiles.read(f);
    assertThat(back.layout()).isEqualTo(BarLayout.CANONICAL);
    BarSeries r = back.single();
    assertThat(r.symbol()).isEqualTo("RW5");
    assertThat(r.times()).containsExactly(s.times());
    assertThat(r.opens()).containsExactly(s.opens());
    assertThat(r.highs()).containsExactly(s.highs());
    assertThat(r.lows()).containsExactly(s.lows());
    assertThat(r.closes()).containsExactly(s.closes());
    assertThat(r.volumes()).containsExactly(s.volumes());
    assertThat(dir.resolve("RW5.csv.tmp")).doesNotExist();
  }

  @Test
  void unreportedVolume_roundTripsAsEmptyField() throws IOException {
    Path vix = dir.resolve("vix.csv");
    Files.writeString(vix, "date,open,high,low,close\n2024-01-02,13,14,12.5,13.2\n2024-01-03,13,14,12.5,13.5\n");
    BarSeries s = BarFiles.read(vix).single();
    assertThat(s.volume(0)).isNaN();
    Path out = dir.resolve("VIX.csv");
    CanonicalCsv.write(s, out);
    assertThat(Files.readAllLines(out).get(2)).isEqualTo("2024-01-02T00:00:00Z,13,14,12.5,13.2,");
    assertThat(BarFiles.read(out).single().volume(0)).isNaN();
  }

  @Property(tries = 2000)
  void formatNumber_parsesBackToTheSameDouble(@ForAll @LongRange(min = 0x3D00000000000000L, max = 0x42A0000000000000L)
      long bits) {
    // Every double between about 1e-14 and 8e12, bit pattern by bit pattern.
    double x = Double.longBitsToDouble(bits);
    String text = CanonicalCsv.formatNumber(x);
    assertThat(text).doesNotContain("E");
    assertThat(Double.parseDouble(text)).isEqualTo(x);
  }

  @Test
  void formatNumber_smallPricesArePlain() {
    assertThat(CanonicalCsv.formatNumber(0.00001234)).isEqualTo("0.00001234");
    assertThat(CanonicalCsv.formatNumber(2_427_000_064.0)).isEqualTo("2427000064");
  }
}
