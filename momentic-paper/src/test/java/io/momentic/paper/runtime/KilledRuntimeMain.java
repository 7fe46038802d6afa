package io.momentic.paper.runtime;

import io.momentic.paper.venue.VenueFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;

/** Runs the parity cases' replay slowly in its own JVM, for a test to SIGKILL part-way. */
public final class KilledRuntimeMain {

  private KilledRuntimeMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    try (PaperRuntime runtime = PaperParityTest.runtime(dir.resolve("journal.db"), new LinkedHashMap<>(),
        new VenueFiles(dir.resolve("venue")))) {
      runtime.replay(PaperParityTest.bars(), Double.parseDouble(args[1]), null);
    }
  }
}
