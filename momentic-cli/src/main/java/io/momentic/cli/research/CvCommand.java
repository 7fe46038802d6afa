package io.momentic.cli.research;

import io.momentic.cli.Main;
import io.momentic.core.ConfigException;
import io.momentic.report.Json;
import io.momentic.report.text.Tables;
import io.momentic.research.PurgedSplits.Plan;
import io.momentic.research.PurgedSplits.Range;
import io.momentic.research.PurgedSplits.Split;
import io.momentic.research.PurgedSplits;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code momentic cv purged|cpcv}: the train/test splits of purged k-fold or combinatorial purged
 * cross-validation for samples that each start at a bar and whose label resolves
 * {@code --label-span} bars later.
 */
@Command(name = "cv", mixinStandardHelpOptions = true,
    description = "Cross-validation splits for labels that span time. purged: k-fold (--groups folds) with purging "
        + "and an embargo; cpcv: combinatorial purged CV, every choice of --test-groups of --groups groups, "
        + "C(N,k) splits and k*C(N,k)/N backtest paths. Index ranges are half-open [from, to).")
public final class CvCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "purged|cpcv", description = "Which scheme.")
  String scheme;

  @Option(names = "--samples", required = true, paramLabel = "N", description = "Number of samples (one per bar).")
  int samples;

  @Option(names = "--groups", required = true, paramLabel = "N", description = "Folds (purged) or groups (cpcv).")
  int groups;

  @Option(names = "--test-groups", defaultValue = "2", paramLabel = "K",
      description = "Groups tested per split (cpcv only; default 2).")
  int testGroups;

  @Option(names = "--label-span", defaultValue = "0", paramLabel = "BARS",
      description = "Bars from a sample's start to its label's resolution (default 0).")
  int labelSpan;

  @Option(names = "--embargo-pct", defaultValue = "0.01", paramLabel = "P",
      description = "Embargo after each test group: ceil(P * samples) bars (default 0.01; reference 001).")
  double embargoPct;

  @Option(names = "--json", description = "Print JSON: splits (train and test ranges, purged and embargoed counts) "
      + "and paths.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (samples < 1) {
      throw new ConfigException("samples", "expected >= 1, found " + samples);
    }
    if (labelSpan < 0) {
      throw new ConfigException("label-span", "expected >= 0 bars, found " + labelSpan);
    }
    if (!(embargoPct >= 0 && embargoPct < 1)) {
      throw new ConfigException("embargo-pct", "expected a fraction in [0, 1) such as 0.01, found " + embargoPct);
    }
    if (groups < 2 || groups > samples) {
      throw new ConfigException("groups", "expected 2 to " + samples + " (the samples), found " + groups);
    }
    PurgedSplits splits = PurgedSplits.everyBar(samples, labelSpan);
    Plan plan = switch (scheme.toLowerCase(Locale.ROOT)) {
      case "purged" -> splits.kFold(groups, embargoPct);
      case "cpcv" -> {
        if (testGroups < 1 || testGroups >= groups) {
          throw new ConfigException("test-groups", "expected 1 to " + (groups - 1) + " (fewer than --groups), found "
              + testGroups);
        }
        yield splits.combinatorial(groups, testGroups, embargoPct);
      }
      default -> throw new ConfigException("scheme", "expected purged or cpcv, found '" + scheme + "'");
    };
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.pretty(describe(plan)));
      return Main.EXIT_OK;
    }
    out.printf(Locale.ROOT, "%s: %d samples, %d groups, %d tested per split, embargo %d bars -> %d splits, %d paths%n",
        scheme.toLowerCase(Locale.ROOT), plan.samples(), plan.groups(), plan.testGroups(), plan.embargoBars(),
        plan.splits().size(), plan.paths().length);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < plan.splits().size(); i++) {
      Split s = plan.splits().get(i);
      rows.add(List.of(String.valueOf(i), ranges(s.test()), ranges(s.train()), String.valueOf(s.purged()),
          String.valueOf(s.embargoed())));
    }
    Tables.print(out, List.of("split", "test", "train", "purged", "embargoed"), rows);
    return Main.EXIT_OK;
  }

  public static Map<String, Object> describe(Plan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("samples", plan.samples());
    m.put("groups", plan.groups());
    m.put("test_groups", plan.testGroups());
    m.put("embargo_bars", plan.embargoBars());
    List<Map<String, Object>> splits = new ArrayList<>();
    for (Split s : plan.splits()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("test_groups", s.testGroups());
      o.put("test", rangeList(s.test()));
      o.put("train", rangeList(s.train()));
      o.put("test_size", s.testSize());
      o.put("train_size", s.trainSize());
      o.put("purged", s.purged());
      o.put("embargoed", s.embargoed());
      splits.add(o);
    }
    m.put("splits", splits);
    m.put("paths", plan.paths().length);
    m.put("path_splits", plan.paths());
    return m;
  }

  private static List<int[]> rangeList(List<Range> ranges) {
    return ranges.stream().map(r -> new int[] {r.from(), r.to()}).toList();
  }

  private static String ranges(List<Range> ranges) {
    if (ranges.isEmpty()) {
      return "-";
    }
    StringBuilder sb = new StringBuilder();
    for (Range r : ranges) {
      sb.append(sb.isEmpty() ? "" : " ").append('[').append(r.from()).append(',').append(r.to()).append(')');
    }
    return sb.toString();
  }
}
