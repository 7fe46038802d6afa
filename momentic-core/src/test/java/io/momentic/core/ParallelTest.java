package io.momentic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The shared-counter runner's contract: every thread runs the worker, the first failure reaches the caller. */
class ParallelTest {

  @Test
  void runGivesEveryThreadTheWorkerAndWaitsForAll() {
    AtomicLong calls = new AtomicLong();
    Parallel.run(3, "run-test", calls::incrementAndGet);
    assertEquals(3, calls.get());
  }

  @Test
  void aFailureOnAStartedThreadIsRethrownInTheCallerAfterAllHaveFinished() {
    AtomicLong finished = new AtomicLong();
    IllegalArgumentException bad = new IllegalArgumentException("bad item");
    IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> Parallel.run(2, "fail-test",
        () -> {
          if (Thread.currentThread().getName().equals("fail-test-1")) {
            throw bad;
          }
          finished.incrementAndGet();
        }));
    assertEquals(bad, thrown);
    assertEquals(1, finished.get()); // the caller's own share ran to its end
  }

  @Test
  void threadsForIsAtLeastOneAndAtMostOnePerItem() {
    assertEquals(1, Parallel.threadsFor(0));
    assertEquals(1, Parallel.threadsFor(1));
    assertEquals(Math.min(Runtime.getRuntime().availableProcessors(), 1000), Parallel.threadsFor(1000));
  }
}
