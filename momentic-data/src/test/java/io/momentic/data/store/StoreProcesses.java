package io.momentic.data.store;

import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import java.nio.file.Path;

/**
 * The child processes of the store's multi-process tests: a writer that commits batches in a
 * loop and prints each committed batch, and a reader that reads in a loop and counts errors.
 */
public final class StoreProcesses {

  static final int BARS_PER_BATCH = 500;

  private StoreProcesses() {}

  /** {@code writer <db> <seconds>} or {@code reader <db> <seconds>}. */
  public static void main(String[] args) throws Exception {
    Path db = Path.of(args[1]);
    long deadline = System.nanoTime() + (long) (Double.parseDouble(args[2]) * 1e9);
    if (args[0].equals("writer")) {
      writer(db, deadline);
    } else {
      reader(db, deadline);
    }
  }

  /** Each batch is a new run of {@link #BARS_PER_BATCH} hourly bars of one of four symbols. */
  private static void writer(Path db, long deadline) {
    try (BarStore store = BarStore.openWriter(db)) {
      System.out.println("READY");
      System.out.flush();
      long[] nextTime = new long[4];
      for (int batch = 0; System.nanoTime() < deadline; batch++) {
        int s = batch % 4;
        BarSeries.Builder b = BarSeries.builder(Instrument.crypto("SYM" + s, "test"), Interval.H1);
        for (int i = 0; i < BARS_PER_BATCH; i++) {
          double p = 100 + (batch + i) % 17;
          b.add(nextTime[s], p, p + 1, p - 1, p + 0.5, 10 + i);
          nextTime[s] += Interval.H1.millis();
        }
        BarStore.BatchResult r = store.upsert(b.build());
        System.out.println("COMMITTED " + r.batchId() + " " + r.inserted());
        System.out.flush();
      }
    }
  }

  private static void reader(Path db, long deadline) {
    long reads = 0;
    long errors = 0;
    while (System.nanoTime() < deadline) {
      try (BarStore store = BarStore.openReader(db)) {
        for (int k = 0; k < 20 && System.nanoTime() < deadline; k++) {
          for (BarStore.SeriesInfo info : store.series()) {
            BarSeries bars = store.read(info.venue(), info.symbol(), info.interval());
            if (bars.size() < info.bars() || bars.size() % BARS_PER_BATCH != 0) {
              // A snapshot is consistent: whole batches only, never fewer bars than listed earlier.
              System.out.println("INCONSISTENT " + info.symbol() + " " + bars.size());
              errors++;
            }
            reads++;
          }
        }
      } catch (RuntimeException e) {
        System.out.println("ERROR " + e);
        errors++;
      }
    }
    System.out.println("DONE reads=" + reads + " errors=" + errors);
  }
}
