package io.momentic.data.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.AssetClass;
import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.core.testing.TestBars;
import io.momentic.data.BarFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarStoreTest {

  @TempDir Path dir;

  private static BarSeries btc(String firstDate, double... closes) {
    return TestBars.daily("BTCUSDT", firstDate, closes).withInstrument(Instrument.crypto("BTCUSDT", "binance"));
  }

  @Test
  void upsertsAreIdempotentAndReadBackExactly() {
    Path db = dir.resolve("store/momentic.db");
    BarSeries first = btc("2024-01-01", 100, 101, 102);
    try (BarStore store = BarStore.openWriter(db)) {
      assertThat(store.upsert(first).inserted()).isEqualTo(3);
      BarStore.BatchResult again = store.upsert(first);
      assertThat(again.inserted()).isZero();
      assertThat(again.updated()).isEqualTo(3);
      // Overlap: two stored days are replaced, one new day is added.
      BarStore.BatchResult overlap = store.upsert(btc("2024-01-02", 111, 112, 113));
      assertThat(overlap.inserted()).isEqualTo(1);
      BarSeries back = store.read("binance", "BTCUSDT", Interval.D1);
      assertThat(back.closes()).containsExactly(100, 111, 112, 113);
      assertThat(back.times()[0]).isEqualTo(TestBars.day("2024-01-01"));
      assertThat(back.instrument().assetClass()).isEqualTo(AssetClass.CRYPTO);
      assertThat(store.lastOpenTime("binance", "BTCUSDT", Interval.D1)).hasValue(TestBars.day("2024-01-04"));
      assertThat(store.lastOpenTime("binance", "ETHUSDT", Interval.D1)).isEmpty();
      assertThat(store.read("binance", "BTCUSDT", Interval.D1, TestBars.day("2024-01-02"), TestBars.day("2024-01-03"))
          .closes()).containsExactly(111, 112);
    }
  }

  @Test
  void readersSeeCommittedDataAndCannotWrite() {
    Path db = dir.resolve("momentic.db");
    try (BarStore writer = BarStore.openWriter(db)) {
      writer.upsert(btc("2024-01-01", 1, 2));
      writer.recordFetch("binance", "BTCUSDT", Interval.D1, 1_700_000_000_000L, 2);
      try (BarStore reader = BarStore.openReader(db)) {
        List<BarStore.SeriesInfo> series = reader.series();
        assertThat(series).containsExactly(new BarStore.SeriesInfo("binance", "BTCUSDT", Interval.D1, 2,
            TestBars.day("2024-01-01"), TestBars.day("2024-01-02"), 1_700_000_000_000L));
        writer.upsert(btc("2024-01-03", 3));
        assertThat(reader.read("binance", "BTCUSDT", Interval.D1).size()).isEqualTo(3);
        assertThatThrownBy(() -> reader.upsert(btc("2024-02-01", 1))).isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("read-only");
      }
    }
  }

  @Test
  void aSecondWriterIsRefusedWithAClearMessage() {
    Path db = dir.resolve("momentic.db");
    try (BarStore writer = BarStore.openWriter(db)) {
      assertThatThrownBy(() -> BarStore.openWriter(db)).isInstanceOf(StoreBusyException.class)
          .hasMessageContaining("already has a writer").hasMessageContaining("fix:");
    }
    // Released on close: a new writer may open.
    BarStore.openWriter(db).close();
  }

  @Test
  void aMissingStoreIsOneClearError() {
    assertThatThrownBy(() -> BarStore.openReader(dir.resolve("none.db")))
        .isInstanceOf(io.momentic.core.DataFormatException.class)
        .hasMessageContaining("no bar store here").hasMessageContaining("fix:");
  }

  @Test
  void metadataAndCsvExport() {
    Path db = dir.resolve("momentic.db");
    try (BarStore store = BarStore.openWriter(db)) {
      store.upsert(btc("2024-01-01", 100, 101));
      store.putInstrument(new BarStore.InstrumentInfo("binance", "BTCUSDT", AssetClass.CRYPTO, "BTC", "USDT",
          TestBars.day("2017-08-17"), 0));
      assertThat(store.instruments()).singleElement().satisfies(i -> {
        assertThat(i.base()).isEqualTo("BTC");
        assertThat(i.listedMillis()).isEqualTo(TestBars.day("2017-08-17"));
      });
      List<Path> files = store.exportCsv("binance", Interval.D1, dir.resolve("csv"));
      assertThat(files).containsExactly(dir.resolve("csv/BTCUSDT.csv"));
      BarSeries back = BarFiles.read(files.get(0)).series().get(0);
      assertThat(back.closes()).containsExactly(100, 101);
    }
  }

  @Test
  void aWriterKilledWithSigkillLosesNoCommittedBatchAndLeavesNoPartialOne() throws Exception {
    Path db = dir.resolve("kill.db");
    Process writer = ChildJvm.start(StoreProcesses.class, "writer", db.toString(), "600");
    List<Long> committed = new java.util.ArrayList<>();
    try (var out = writer.inputReader()) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("COMMITTED ")) {
          committed.add(Long.parseLong(line.split(" ")[1]));
          if (committed.size() == 40) {
            writer.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no rollback, mid-batch
            break;
          }
        }
      }
    }
    writer.waitFor();
    assertThat(committed).hasSize(40);
    try (BarStore store = BarStore.openReader(db)) {
      List<long[]> batches = store.batchIntegrity();
      assertThat(batches.stream().map(b -> b[0]).toList()).containsAll(committed);
      for (long[] b : batches) {
        assertThat(b[2]).as("rows of batch %d", b[0]).isEqualTo(b[1]).isEqualTo(StoreProcesses.BARS_PER_BATCH);
      }
      long total = store.series().stream().mapToLong(BarStore.SeriesInfo::bars).sum();
      assertThat(total).isEqualTo((long) batches.size() * StoreProcesses.BARS_PER_BATCH);
    }
  }

  /**
   * One process writes in a loop while four processes read for {@code momentic.concurrency.seconds}
   * (120 by default, as the issue asks): no lock errors, no inconsistent snapshot.
   */
  @Test
  void oneWriterAndFourReaderProcessesNeverFail() throws Exception {
    String seconds = System.getProperty("momentic.concurrency.seconds", "120");
    Path db = dir.resolve("busy.db");
    try (BarStore seed = BarStore.openWriter(db)) {
      // The file exists before the readers start.
      seed.series();
    }
    Process writer = ChildJvm.start(StoreProcesses.class, "writer", db.toString(), seconds);
    List<Process> readers = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      readers.add(ChildJvm.start(StoreProcesses.class, "reader", db.toString(), seconds));
    }
    long commits = writer.inputReader().lines().filter(l -> l.startsWith("COMMITTED")).count();
    assertThat(writer.waitFor()).isZero();
    assertThat(commits).isGreaterThan(10);
    for (Process reader : readers) {
      List<String> lines = reader.inputReader().lines().toList();
      assertThat(reader.waitFor()).isZero();
      assertThat(lines).filteredOn(l -> l.startsWith("ERROR") || l.startsWith("INCONSISTENT")).isEmpty();
      assertThat(lines.get(lines.size() - 1)).matches("DONE reads=[1-9]\\d* errors=0");
    }
  }
}
