package io.momentic.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input gives a failure naming file, line, column, expected and found. */
class ValidationTest {

  @TempDir
  Path dir;

  private static final String YAHOO = "Date,Open,High,Low,Close,Adj Close,Volume\n";

  private Path file(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  private LoadFailure firstFailure(Path p) {
    DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> BarFiles.read(p));
    assertThat(e).as("expected a DataFormatException for " + p).isNotNull();
    return e.failures().get(0);
  }

  @Test
  void missingFile() {
    LoadFailure f = firstFailure(dir.resolve("nope.csv"));
    assertThat(f.found()).isEqualTo("no such file");
  }

  @Test
  void emptyFile() throws IOException {
    assertThat(firstFailure(file("e.csv", "")).found()).isEqualTo("an empty file");
  }

  @Test
  void headerOnly() throws IOException {
    assertThat(firstFailure(file("h.csv", YAHOO)).found()).isEqualTo("only the header");
  }

  @Test
  void unknownLayout() throws IOException {
    LoadFailure f = firstFailure(file("u.csv", "when,price\n2024-01-01,3\n"));
    assertThat(f.line()).isEqualTo(1);
    assertThat(f.expected()).startsWith("a known header");
    assertThat(f.found()).isEqualTo("'when,price'");
    assertThat(f.fix()).contains("--layout");
  }

  @Test
  void wrongDelimiter() throws IOException {
    LoadFailure f = firstFailure(file("s.csv", "Date;Open;High;Low;Close;Adj Close;Volume\n2024-01-01;1;1;1;1;1;1\n"));
    assertThat(f.expected()).isEqualTo("comma-separated fields");
    assertThat(f.found()).startsWith("';'-separated");
  }

  @Test
  void unsortedTimestamps() throws IOException {
    LoadFailure f = firstFailure(file("o.csv", YAHOO + "2024-01-01,1,2,1,1.5,1,10\n2024-01-03,1,2,1,1.5,1,10\n"
        + "2024-01-02,1,2,1,1.5,1,10\n"));
    assertThat(f.line()).isEqualTo(4);
    assertThat(f.column()).isEqualTo("date");
    assertThat(f.found()).isEqualTo("unsorted '2024-01-02'");
    assertThat(f.expected()).contains("after 2024-01-03T00:00:00Z (line 3)");
  }

  @Test
  void duplicateTimestamp() throws IOException {
    LoadFailure f = firstFailure(file("d.csv", YAHOO + "2024-01-01,1,2,1,1.5,1,10\n2024-01-01,1,2,1,1.5,1,10\n"));
    assertThat(f.line()).isEqualTo(3);
    assertThat(f.found()).isEqualTo("duplicate '2024-01-01'");
  }

  @Test
  void highBelowLow() throws IOException {
    LoadFailure f = firstFailure(file("hl.csv", YAHOO + "2024-01-01,1,1,2,1.5,1,10\n"));
    assertThat(f.line()).isEqualTo(2);
    assertThat(f.column()).isEqualTo("high");
    assertThat(f.expected()).isEqualTo(">= low (2)");
    assertThat(f.found()).isEqualTo("1");
  }

  @Test
  void nanPrice() throws IOException {
    LoadFailure f = firstFailure(file("n.csv", YAHOO + "2024-01-01,1,2,1,NaN,1,10\n"));
    assertThat(f.column()).isEqualTo("close");
    assertThat(f.expected()).isEqualTo("a finite number");
    assertThat(f.found()).isEqualTo("'NaN'");
  }

  @Test
  void infinitePrice() throws IOException {
    LoadFailure f = firstFailure(file("i.csv", YAHOO + "2024-01-01,1,Infinity,1,1.5,1,10\n"));
    assertThat(f.column()).isEqualTo("high");
    assertThat(f.expected()).isEqualTo("a finite number");
  }

  @Test
  void negativeVolume() throws IOException {
    LoadFailure f = firstFailure(file("v.csv", YAHOO + "2024-01-01,1,2,1,1.5,1,-5\n"));
    assertThat(f.column()).isEqualTo("volume");
    assertThat(f.expected()).isEqualTo("a volume >= 0");
    assertThat(f.found()).isEqualTo("'-5'");
  }

  @Test
  void nonNumericField() throws IOException {
    LoadFailure f = firstFailure(file("x.csv", YAHOO + "2024-01-01,1,2,abc,1.5,1,10\n"));
    assertThat(f.column()).isEqualTo("low");
    assertThat(f.expected()).isEqualTo("a number");
    assertThat(f.found()).isEqualTo("'abc'");
    assertThat(f.message()).startsWith(dir.resolve("x.csv") + ":2: column 'low' expected a number, found 'abc'; fix:");
  }

  @Test
  void nonPositivePrice() throws IOException {
    LoadFailure f = firstFailure(file("z.csv", YAHOO + "2024-01-01,0,2,1,1.5,1,10\n"));
    assertThat(f.expected()).isEqualTo("a price > 0");
  }

  @Test
  void wrongFieldCount() throws IOException {
    LoadFailure f = firstFailure(file("f.csv", YAHOO + "2024-01-01,1,2,1\n"));
    assertThat(f.expected()).startsWith("7 comma-separated fields");
    assertThat(f.found()).isEqualTo("4 fields");
  }

  @Test
  void everyFailureIsCollected_notJustTheFirst() throws IOException {
    Path p = file("many.csv", YAHOO + "2024-01-01,1,2,1,x,1,10\n2024-01-02,1,2,1,y,1,10\n2024-01-03,1,2,1,1.5,1,-1\n");
    DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> BarFiles.read(p));
    assertThat(e.failures()).extracting(LoadFailure::line).containsExactly(2L, 3L, 4L);
    assertThat(e.firstLine()).endsWith("(and 2 more problems)");
  }

  @Test
  void descendingFile_isReadAscending() throws IOException {
    Path p = file("desc.csv", YAHOO + "2024-01-03,3,3,3,3,3,3\n2024-01-02,2,2,2,2,2,2\n2024-01-01,1,1,1,1,1,1\n");
    assertThat(BarFiles.read(p).single().closes()).containsExactly(1, 2, 3);
  }

  @Test
  void forcedLayout_overridesDetection() throws IOException {
    Path p = file("k.csv", "1704067200000,1,2,0.5,1.5,10,1704153599999,0,0,0,0,0\n"
        + "1704153600000,1.5,2,1,1.8,10,1704239999999,0,0,0,0,0\n");
    LoadedBars bars = BarFiles.read(p, LoadOptions.DEFAULT.withLayout(BarLayout.BINANCE_KLINES));
    assertThat(bars.single().size()).isEqualTo(2);
    assertThat(BarFiles.read(p).layout()).isEqualTo(BarLayout.BINANCE_KLINES); // headerless detection too
  }
}
