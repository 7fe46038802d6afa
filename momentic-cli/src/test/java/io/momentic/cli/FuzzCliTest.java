package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.core.testing.TestBars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzz of the readers and the engine, bounded to a minute: files of every layout (built
 * here, plus real ones from ../shared/data when it is there) are mutated — bytes flipped, lines cut,
 * swapped or repeated, fields emptied or replaced by NaN, −1, 1e400, text, a BOM, Latin-1 bytes,
 * quotes, another delimiter — and each is inspected. Refused input must exit 2 with one line that
 * names the file and no Java class or stack trace; accepted input is backtested, and its equity
 * must be finite (or the run refused with exit 2 or stopped with exit 1 and a message in words).
 */
class FuzzCliTest {

  @TempDir
  Path dir;

  private static final long SEED = 20261201L;
  /** Each fuzz stops after this long whatever its case count: the suite's time stays bounded. */
  private static final long BUDGET_NANOS = 30_000_000_000L;
  private static final Pattern JAVA_NAME = Pattern.compile(
      "\\b(java|javax|com\\.fasterxml|de\\.siegmar|org\\.sqlite|io\\.momentic)\\.[a-z]|Exception\\b|\\n\\s+at ");

  /** A small valid file of every layout. */
  static Map<String, String> seeds() {
    Map<String, String> files = new LinkedHashMap<>();
    StringBuilder canonical = new StringBuilder("timestamp,open_price,high_price,low_price,closing_price,volume\n");
    StringBuilder yahoo = new StringBuilder("Date,Open,High,Low,Close,Adj Close,Volume\n");
    StringBuilder indexed = new StringBuilder(",Open,High,Low,Close,Volume\n");
    StringBuilder panel = new StringBuilder("date,open,high,low,close,volume,Name\n");
    StringBuilder tokens = new StringBuilder("token,timestamp,open,high,low,close,volume\n");
    StringBuilder klines = new StringBuilder("open_time,open,high,low,close,volume,close_time,quote_asset_volume,"
        + "trades,taker_buy_base,taker_buy_quote,ignore\n");
    StringBuilder json = new StringBuilder("[");
    StringBuilder openTime = new StringBuilder("date,open_time,open,high,low,close,volume\n");
    StringBuilder ohlc = new StringBuilder("date,open,high,low,close\n");
    long d0 = TestBars.day("2024-01-01");
    int n = 40;
    for (int i = 0; i < n; i++) {
      long t = d0 + i * 86_400_000L;
      String date = java.time.LocalDate.of(2024, 1, 1).plusDays(i).toString();
      double o = 100 + i;
      double h = o + 2;
      double l = o - 1;
      double c = o + 1;
      String ohlcv = o + "," + h + "," + l + "," + c + "," + (1000 + i);
      canonical.insert(canonical.indexOf("\n") + 1, date + "T00:00:00Z," + ohlcv + "\n"); // newest first
      yahoo.append(date).append(',').append(o).append(',').append(h).append(',').append(l).append(',').append(c)
          .append(',').append(c).append(',').append(1000 + i).append('\n');
      indexed.append(date).append(',').append(ohlcv).append('\n');
      panel.append(date).append(',').append(ohlcv).append(",AAA\n").append(date).append(',').append(ohlcv)
          .append(",BBB\n");
      tokens.append("TOK,").append(t).append(',').append(ohlcv).append('\n');
      klines.append(t).append(',').append(ohlcv).append(',').append(t + 86_399_999L).append(",0,1,0,0,0\n");
      json.append(i > 0 ? "," : "").append('[').append(t).append(",\"").append(o).append("\",\"").append(h)
          .append("\",\"").append(l).append("\",\"").append(c).append("\",\"10\",").append(t + 86_399_999L)
          .append(",\"0\",1,\"0\",\"0\",\"0\"]");
      openTime.append(date).append(',').append(t).append(',').append(ohlcv).append('\n');
      ohlc.append(date).append(',').append(o).append(',').append(h).append(',').append(l).append(',').append(c)
          .append('\n');
    }
    files.put("CANON.csv", canonical.toString());
    files.put("YAHOO.csv", yahoo.toString());
    files.put("INDEXED.csv", indexed.toString());
    files.put("PANEL.csv", panel.toString());
    files.put("TOKENS.csv", tokens.toString());
    files.put("KLINES.csv", klines.toString());
    files.put("KLINES.json", json.append(']').toString());
    files.put("OPENTIME.csv", openTime.toString());
    files.put("OHLC.csv", ohlc.toString());
    return files;
  }

  /** Real files from ../shared/data (the test skips without it): their first 300 lines. */
  static Map<String, String> realSeeds() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    Path shared = TestBars.sharedData();
    for (String rel : List.of("backtesting_py/GOOG.csv", "binance_spot_1d/BTCUSDT.csv",
        "backtesting_py/EURUSD.csv")) {
      List<String> lines = Files.readAllLines(shared.resolve(rel));
      files.put("REAL" + files.size() + ".csv", String.join("\n", lines.subList(0, Math.min(300, lines.size())))
          + "\n");
    }
    return files;
  }

  static byte[] mutate(String text, SplittableRandom r) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    String[] values = {"NaN", "-1", "1e400", "", "abc", "0", "\"", "1,5", "Infinity", "-0", "9".repeat(400)};
    if (lines.size() < 3) { // a one-line JSON response: change a value, cut it, or add a second response
      return switch (r.nextInt(5)) {
        case 0 -> text.substring(0, r.nextInt(text.length())).getBytes(StandardCharsets.UTF_8);
        case 1 -> (text + text).getBytes(StandardCharsets.UTF_8);
        case 2 -> ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        default -> {
          java.util.regex.Matcher m = Pattern.compile("\"[0-9.]+\"").matcher(text);
          List<int[]> spans = new ArrayList<>();
          while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
          }
          int[] at = spans.get(r.nextInt(spans.size()));
          yield (text.substring(0, at[0]) + "\"" + values[r.nextInt(values.length)] + "\"" + text.substring(at[1]))
              .getBytes(StandardCharsets.UTF_8);
        }
      };
    }
    int row = 1 + r.nextInt(Math.max(1, lines.size() - 2));
    switch (r.nextInt(14)) {
      case 0 -> { // flip a byte
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        return b;
      }
      case 1 -> { // cut the file anywhere
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.copyOf(b, r.nextInt(b.length));
      }
      case 2 -> java.util.Collections.swap(lines, row, 1 + r.nextInt(Math.max(1, lines.size() - 2)));
      case 3 -> lines.add(row, lines.get(row));
      case 4 -> lines.remove(row);
      case 5, 6, 7 -> { // one field replaced
        String[] f = lines.get(row).split(",", -1);
        f[r.nextInt(f.length)] = values[r.nextInt(values.length)];
        lines.set(row, String.join(",", f));
      }
      case 8 -> lines.set(0, lines.get(0).replace('o', '0'));
      case 9 -> lines.replaceAll(l -> l.replace(',', ';'));
      case 10 -> lines.set(0, "\uFEFF" + lines.get(0));
      case 11 -> {
        byte[] head = String.join("\n", lines.subList(0, row)).getBytes(StandardCharsets.UTF_8);
        byte[] latin = ("\n" + lines.get(row) + "é\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(head, head.length + latin.length);
        System.arraycopy(latin, 0, all, head.length, latin.length);
        return all;
      }
      case 12 -> lines.set(row, "\"" + lines.get(row).replace(",", "\",\"") + "\"");
      default -> lines.set(row, lines.get(row) + ",extra");
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void mutatedFilesOfEveryLayout_areRefusedInOneLineOrRunWithFiniteEquity() throws IOException {
    fuzz(seeds(), SEED, 500);
  }

  @Test
  void mutatedRealFiles_likewise() throws IOException {
    fuzz(realSeeds(), SEED + 1, 200);
  }

  private void fuzz(Map<String, String> seeds, long seed, int cases) throws IOException {
    for (Map.Entry<String, String> s : seeds.entrySet()) { // the seeds themselves are valid
      Path p = Files.writeString(dir.resolve(s.getKey()), s.getValue());
      CliTest.Run r = CliTest.run("inspect", p.toString());
      assertThat(r.exitCode()).as(s.getKey() + ": " + r.err()).isZero();
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<String> names = new ArrayList<>(seeds.keySet());
    long started = System.nanoTime();
    int refused = 0;
    int accepted = 0;
    int backtests = 0;
    for (int k = 0; k < cases && System.nanoTime() - started < BUDGET_NANOS; k++) {
      String name = names.get(random.nextInt(names.size()));
      String ext = name.substring(name.lastIndexOf('.'));
      Path file = Files.write(dir.resolve("case" + k + "-" + name.replace(ext, "") + ext),
          mutate(seeds.get(name), random));
      CliTest.Run inspect = CliTest.run("inspect", file.toString());
      String where = file.getFileName() + " (case " + k + ")";
      assertThat(inspect.exitCode()).as(where + ": " + inspect.err()).isIn(0, 2);
      if (inspect.exitCode() == 2) {
        refused++;
        assertThat(inspect.err().strip().lines().count()).as(where + ": " + inspect.err()).isEqualTo(1);
        assertThat(inspect.err()).as(where).contains(file.getFileName().toString());
        assertThat(JAVA_NAME.matcher(inspect.err()).find()).as(where + ": " + inspect.err()).isFalse();
        continue;
      }
      accepted++;
      if (backtests >= 60 || name.startsWith("PANEL") || name.startsWith("TOKENS")) {
        continue; // one backtest per single-symbol file is enough; multi-symbol files need --symbols
      }
      backtests++;
      Path out = dir.resolve("run" + k);
      CliTest.Run run = CliTest.run("--workspace", dir.resolve("ws").toString(), "backtest", "--data",
          file.toString(), "--strategy", "buy-and-hold", "--out", out.toString(), "--json");
      assertThat(run.exitCode()).as(where + ": " + run.err()).isIn(0, 1, 2);
      if (run.exitCode() == 0) {
        String metrics = Files.readString(out.resolve("metrics.json"));
        assertThat(metrics).as(where).doesNotContainPattern(":\\s*\"?(NaN|-?Infinity)");
        String equity = Files.readString(out.resolve("equity.csv"));
        assertThat(equity).as(where).doesNotContain("Infinity").doesNotContain("NaN");
      } else {
        assertThat(run.err().strip().lines().count()).as(where + ": " + run.err()).isEqualTo(1);
        assertThat(JAVA_NAME.matcher(run.err()).find()).as(where + ": " + run.err()).isFalse();
      }
    }
    // The fuzz exercised both paths (guards against a mutator that only ever breaks the header).
    assertThat(refused).isGreaterThan(cases / 10);
    assertThat(accepted).isGreaterThan(cases / 50);
  }
}
