package io.momentic.cli.research;

import io.momentic.workflow.sweep.SweepGrid;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The grid and how to search it, shared by {@code sweep} and {@code walkforward}. */
public final class SweepOptions {

  @Option(names = "--grid", paramLabel = "NAME=SPEC",
      description = "A swept parameter: from:to:step (inclusive) or a,b,c. Repeatable; overrides [sweep] grid.")
  List<String> grid = new ArrayList<>();

  @Option(names = "--constraint", paramLabel = "'A < B'",
      description = "Keep only trials where it holds (< <= > >= == !=; names or numbers). Repeatable.")
  List<String> constraints = new ArrayList<>();

  @Option(names = "--objective", paramLabel = "METRIC",
      description = "Rank by this metric of metrics.json, highest first; a leading '-' ranks lowest first "
          + "(default sharpe).")
  String objective;

  @Option(names = "--sample", paramLabel = "N", description = "Run a seeded random subset of N trials.")
  Integer sample;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of --sample and the bootstrap (default 42).")
  Long seed;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores). Results do "
      + "not depend on it.")
  Integer threads;

  SweepGrid.Spec spec() {
    return new SweepGrid.Spec(grid, constraints, objective, sample, seed, threads);
  }
}
