package io.momentic.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.momentic.core.DataFormatException;
import io.momentic.core.Interval;
import io.momentic.core.LoadFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Readers that say what is wrong: the hardening audit's reader reproducers. */
class ReadersTest {

  @TempDir
  Path dir;

  private static final String YAHOO = "Date,Open,High,Low,Close,Adj Close,Volume\n";
  private static final String ROWS = "2024-01-02,10,11,9,10.5,10.5,100\n2024-01-03,10,11,9,10.5,10.5,100\n"
      + "2024-01-04,10,11,9,10.5,10.5,100\n";

  private Path file(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private Path file(String name, String content) throws IOException {
    return file(name, content.getBytes(StandardCharsets.UTF_8));
  }

  private static LoadFailure failure(Path p, LoadOptions options) {
    DataFormatException e = catchThrowableOfType(DataFormatException.class, () -> BarFiles.read(p, options));
    assertThat(e).as("a DataFormatException for " + p).isNotNull();
    return e.failures().get(0);
  }

  @Test
  void notUtf8_namesTheLineAndByteOffset() throws IOException {
    byte[] head = (YAHOO + "2024-01-02,10,11,9,10.5,10.5,100\n").getBytes(StandardCharsets.UTF_8);
    byte[] latin1 = "2024-01-03,10,11,9,10.5,10.5,100 caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + latin1.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(latin1, 0, all, head.length, latin1.length);
    Path p = file("latin1.csv", all);
    LoadFailure f = failure(p, LoadOptions.DEFAULT);
    int badOffset = head.length + latin1.length - 2; // the é, one byte in Latin-1, before the newline
    assertThat(f.line()).isEqualTo(3);
    assertThat(f.expected()).isEqualTo("UTF-8 text");
    assertThat(f.found()).contains("byte offset " + badOffset).contains("0xE9");
    assertThat(f.fix()).contains("save the file as UTF-8");
    assertThat(f.message()).doesNotContain("MalformedInput").doesNotContain("permissions");
  }

  @Test
  void quotedHeadersAndFields_andAByteOrderMark_areAccepted() throws IOException {
    Path quoted = file("q.csv", "\uFEFF\"Date\",\"Open\",\"High\",\"Low\",\"Close\",\"Adj Close\",\"Volume\"\n"
        + "\"2024-01-02\",\"10\",\"11\",\"9\",\"10.5\",\"10.5\",\"100\"\n2024-01-03,10,11,9,10.5,10.5,100\n");
    LoadedBars bars = BarFiles.read(quoted);
    assertThat(bars.layout()).isEqualTo(BarLayout.YAHOO);
    assertThat(bars.single().closes()).containsExactly(10.5, 10.5);
    assertThat(TextFiles.csvFields("\"a,b\",\"say \"\"hi\"\"\",c")).containsExactly("a,b", "say \"hi\"", "c");
  }

  @Test
  void thePlainestOhlcvHeader_isALayout() throws IOException {
    LoadedBars bars = BarFiles.read(file("SPY.csv", "date,open,high,low,close,volume\n2024-01-02,10,11,9,10.5,100\n"
        + "2024-01-03,10.5,11.5,10,11,200\n"));
    assertThat(bars.layout()).isEqualTo(BarLayout.DATE_OHLCV);
    assertThat(bars.single().symbol()).isEqualTo("SPY");
    assertThat(bars.single().closes()).containsExactly(10.5, 11);
    assertThat(bars.single().volume(1)).isEqualTo(200);
    // pandas' to_csv of a frame indexed by a named 'Date' column: the same layout, no --layout needed.
    LoadedBars pandas = BarFiles.read(file("QQQ.csv", "Date,Open,High,Low,Close,Volume\n"
        + "2024-01-02,10,11,9,10.5,100\n2024-01-03,10.5,11.5,10,11,200\n"));
    assertThat(pandas.layout()).isEqualTo(BarLayout.DATE_OHLCV);
    assertThat(pandas.single().closes()).containsExactly(10.5, 11);
  }

  @Test
  void jsonWithTrailingData_isRejected_andJsonInternalsNeverShow() throws IOException {
    String one = "[[1704153600000,\"1\",\"2\",\"0.5\",\"1.5\",\"10\",1704239999999,\"0\",1,\"0\",\"0\",\"0\"],"
        + "[1704240000000,\"1\",\"2\",\"0.5\",\"1.5\",\"10\",1704326399999,\"0\",1,\"0\",\"0\",\"0\"]]";
    assertThat(BarFiles.read(file("ok.json", "\uFEFF" + one)).single().size()).isEqualTo(2); // BOM accepted
    LoadFailure twice = failure(file("twice.json", one + one), LoadOptions.DEFAULT);
    assertThat(twice.found()).contains("more data after the JSON array");
    LoadFailure cut = failure(file("cut.json", one.substring(0, one.length() - 30)), LoadOptions.DEFAULT);
    assertThat(cut.found()).contains("cut off");
    for (LoadFailure f : new LoadFailure[] {twice, cut}) {
      assertThat(f.message()).doesNotContain("[Source").doesNotContain("com.fasterxml").doesNotContain("JsonNode")
          .doesNotContain("FAIL_ON");
    }
  }

  @Test
  void aFailingLastLineWithoutALineEnd_isReportedAsTruncated() throws IOException {
    Path p = file("cut.csv", YAHOO + "2024-01-02,10,11,9,10.5,10.5,100\n2024-01-03,10,11,9,10.5,10.5,100\n2024-01-04,1");
    LoadFailure f = failure(p, LoadOptions.DEFAULT);
    assertThat(f.line()).isEqualTo(4);
    assertThat(f.fix()).contains("no line end").contains("truncated");
    // The same bad row with its line end is an ordinary bad row.
    Path q = file("bad.csv", YAHOO + "2024-01-02,10,11,9,10.5,10.5,100\n2024-01-03,10,11,9,10.5,10.5,100\n2024-01-04,1\n");
    assertThat(failure(q, LoadOptions.DEFAULT).fix()).doesNotContain("truncated");
  }

  @Test
  void anUnclosedQuote_namesTheLine() throws IOException {
    Path p = file("quote.csv", YAHOO + ROWS + "2024-01-05,\"10,11,9,10.5,10.5,100\n2024-01-06,10,11,9,10.5,10.5,100\n");
    LoadFailure f = failure(p, LoadOptions.DEFAULT);
    assertThat(f.line()).isPositive();
    assertThat(f.message()).doesNotContain("siegmar");
  }

  @Test
  void anIntervalThatContradictsTheSpacing_isRejected() throws IOException {
    Path p = file("d.csv", YAHOO + ROWS);
    LoadFailure f = failure(p, LoadOptions.DEFAULT.withInterval(Interval.H1));
    assertThat(f.expected()).contains("bars spaced by 1h");
    assertThat(f.found()).isEqualTo("bars spaced by 1d");
    assertThat(BarFiles.read(p, LoadOptions.DEFAULT.withInterval(Interval.D1)).interval()).isEqualTo(Interval.D1);
  }

  @Test
  void mixedUtcOffsetsInADailyFile_areReported() throws IOException {
    String canonical = "timestamp,open_price,high_price,low_price,closing_price,volume\n";
    Path p = file("tz.csv", canonical + "2024-01-04T00:00:00+02:00,10,11,9,10.5,1\n"
        + "2024-01-03T00:00:00+02:00,10,11,9,10.5,1\n2024-01-02T00:00:00Z,10,11,9,10.5,1\n");
    LoadFailure f = failure(p, LoadOptions.DEFAULT);
    assertThat(f.line()).isEqualTo(4);
    assertThat(f.expected()).contains("one UTC offset").contains("+02:00");
    assertThat(f.found()).contains("UTC offset Z");
    // One offset throughout is fine, and +00:00 is UTC.
    Path q = file("utc.csv", canonical + "2024-01-04T00:00:00+00:00,10,11,9,10.5,1\n2024-01-03T00:00:00Z,10,11,9,10.5,1\n");
    assertThat(BarFiles.read(q).single().size()).isEqualTo(2);
  }

  @Test
  void aSymbolWithAHandfulOfRowsInAPanel_isNotedAsSuspicious() throws IOException {
    StringBuilder panel = new StringBuilder("date,open,high,low,close,volume,Name\n");
    java.time.LocalDate d = java.time.LocalDate.of(2024, 1, 1);
    for (int i = 0; i < 60; i++) {
      panel.append(d.plusDays(i)).append(",10,11,9,10.5,100,AAPL\n");
    }
    panel.append(d.plusDays(3)).append(",10,11,9,10.5,100,APPL\n");
    LoadedBars bars = BarFiles.read(file("panel.csv", panel.toString()));
    assertThat(bars.quirks()).anySatisfy(q -> assertThat(q).startsWith("APPL: only 1 row(s)").contains("suspicious"));
    assertThat(bars.quirks()).noneSatisfy(q -> assertThat(q).startsWith("AAPL:"));
  }
}
