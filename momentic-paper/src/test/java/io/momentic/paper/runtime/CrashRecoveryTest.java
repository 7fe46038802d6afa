package io.momentic.paper.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.momentic.paper.journal.Journal;
import io.momentic.paper.venue.VenueFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the runtime mid-run: the process gets no chance to flush or close anything. The
 * restart replays the journal to the same books, reopens the venue accounts from their last saved
 * bar, and carries on — nothing lost, nothing doubled: the result equals the uninterrupted backtest.
 */
class CrashRecoveryTest {

  @TempDir
  Path dir;

  @Test
  void killedMidRun_restartsFromTheJournal_toTheBacktestsResult() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        KilledRuntimeMain.class.getName(), dir.toString(), "400")
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    Path journal = dir.resolve("journal.db");
    long bars = 0;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    // Wait until the child is well into the run (some hundred bars of the four strategies), then kill it.
    while (bars < 300 && System.nanoTime() < deadline && p.isAlive()) {
      Thread.sleep(20);
      if (Files.exists(journal)) {
        try (Journal j = Journal.openReader(journal)) {
          bars = j.entries(null).stream().filter(e -> e.kind() == Journal.Kind.BAR).count();
        } catch (RuntimeException notReadyYet) {
          // the schema may not be there yet
        }
      }
    }
    assertThat(p.isAlive()).as("the child was still running when killed; log: " + dir.resolve("child.log")).isTrue();
    p.destroyForcibly(); // SIGKILL on Linux
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(137);

    long barsAtKill;
    try (Journal j = Journal.openReader(journal)) {
      barsAtKill = j.entries(null).stream().filter(e -> e.kind() == Journal.Kind.BAR).count();
    }
    assertThat(barsAtKill).isBetween(300L, 5L * 260 - 1);

    try (PaperRuntime runtime = PaperParityTest.runtime(journal, new LinkedHashMap<>(),
        new VenueFiles(dir.resolve("venue")))) {
      runtime.replay(PaperParityTest.bars(), 0, null);
      for (PaperParityTest.Case c : PaperParityTest.cases()) {
        PaperParityTest.assertMatchesBacktest(c, runtime.slots().get(c.id()).books(), runtime.journal());
      }
      // Each bar done once, each trade journaled once.
      long barEntries = runtime.journal().entries(null).stream().filter(e -> e.kind() == Journal.Kind.BAR).count();
      assertThat(barEntries).isEqualTo(5L * 260);
    }
  }
}
