package io.momentic.cli.research;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.LoadMixin;
import io.momentic.cli.Main;
import io.momentic.core.BarSeries;
import io.momentic.core.Timestamps;
import io.momentic.report.Json;
import io.momentic.report.text.Tables;
import io.momentic.research.LookaheadAudit;
import io.momentic.workflow.audit.LookaheadAuditRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code momentic audit}: checks that prove properties of research code. */
@Command(name = "audit", mixinStandardHelpOptions = true, subcommands = AuditCommand.Lookahead.class,
    description = "Audits of research code. See 'momentic audit lookahead --help'.")
public final class AuditCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  /** {@code momentic audit lookahead}. */
  @Command(name = "lookahead", mixinStandardHelpOptions = true,
      description = "Recompute indicators and strategies on histories cut at many points (seeded random ones and "
          + "every bar near the end) and compare with the full history: any value or decision before the cut that "
          + "changes is look-ahead. Also reports how many bars recursive indicators need to converge. Exit 1 when a "
          + "leak is found.")
  public static final class Lookahead implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE",
        description = "Bar file to audit on (default: a seeded synthetic series of --bars bars).")
    Path data;

    @Mixin
    LoadMixin load;

    @Option(names = "--bars", defaultValue = "2000", description = "Synthetic history length (default ${DEFAULT-VALUE}).")
    int bars;

    @Option(names = "--seed", defaultValue = "2026", description = "Seed of the synthetic data and cuts (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--indicators", defaultValue = "all", paramLabel = "all|none|NAME,…",
        description = "Built-in indicators to audit, by name (e.g. sma(20)); default all.")
    String indicators;

    @Option(names = "--strategies", defaultValue = "all", paramLabel = "all|none|NAME,…",
        description = "Built-in strategies to audit, with their default parameters, or with name[key=value;…] "
            + "(gem takes preset, fit, timing and its parameters, e.g. gem[preset=bear;timing=next-open]); default all.")
    String strategies;

    @Option(names = "--class", paramLabel = "FQCN",
        description = "A user indicator (implements BarIndicator) or strategy (implements Strategy), with a public "
            + "no-argument constructor, loaded from the class path (repeatable).")
    List<String> classes = new ArrayList<>();

    @Option(names = "--classpath", paramLabel = "DIR|JAR", description = "Extra class path entries for --class.")
    List<Path> classpath = new ArrayList<>();

    @Option(names = "--with-leak-samples",
        description = "Also audit the deliberately leaking samples (they must all be flagged; exit is then 1).")
    boolean withLeakSamples;

    @Option(names = "--random-cuts", defaultValue = "25", description = "Random cut points (default ${DEFAULT-VALUE}).")
    int randomCuts;

    @Option(names = "--tail-cuts", defaultValue = "20",
        description = "Cut at every one of the last N bars (default ${DEFAULT-VALUE}).")
    int tailCuts;

    @Option(names = "--tolerance", defaultValue = "0",
        description = "Accepted relative difference before the cut (default ${DEFAULT-VALUE}: exact).")
    double tolerance;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      LookaheadAuditRun.AuditRecord r;
      try (io.momentic.cli.Progress progress = io.momentic.cli.Progress.terminal()) {
        r = LookaheadAuditRun.run(new LookaheadAuditRun.AuditRequest(data, load.options(), bars, seed, indicators,
            strategies, classes, classpath, withLeakSamples, randomCuts, tailCuts, tolerance, progress));
      }
      print(r.results(), r.skipped(), r.series(), r.seconds(), r.leaking());
      return r.leaking() > 0 ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private void print(List<LookaheadAudit.Result> results, List<String> skipped, BarSeries series, double seconds,
        long leaking) throws IOException {
      PrintWriter o = spec.commandLine().getOut();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("data", data == null ? "synthetic " + series.size() + " bars, seed " + seed : data.toString());
        doc.put("bars", series.size());
        doc.put("targets", results.size());
        doc.put("leaking", leaking);
        doc.put("seconds", Math.round(seconds * 1000) / 1000.0);
        List<Map<String, Object>> rs = new ArrayList<>();
        for (LookaheadAudit.Result r : results) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("target", r.target());
          m.put("type", r.type());
          m.put("clean", r.clean());
          m.put("cuts", r.cutsChecked());
          List<Map<String, Object>> fs = new ArrayList<>();
          for (LookaheadAudit.Finding f : r.findings()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("kind", f.kind());
            fm.put("name", f.name());
            fm.put("first_bar", f.firstBar());
            fm.put("first_time", Timestamps.format(f.firstTimeMillis()));
            fm.put("cut", f.cut());
            fm.put("difference", Double.isNaN(f.difference()) ? null : f.difference());
            fm.put("detail", f.detail());
            fs.add(fm);
          }
          m.put("findings", fs);
          List<Map<String, Object>> cs = new ArrayList<>();
          for (LookaheadAudit.Convergence c : r.convergence()) {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("output", c.output());
            cm.put("recursive", c.recursive());
            cm.put("warmup", c.warmup());
            cm.put("bars_to_converge", c.converged() ? c.barsToConverge() : null);
            cm.put("tolerance", c.tolerance());
            cs.add(cm);
          }
          m.put("convergence", cs);
          rs.add(m);
        }
        doc.put("results", rs);
        doc.put("skipped", skipped);
        o.println(Json.pretty(doc));
        return;
      }
      List<List<String>> rows = new ArrayList<>();
      for (LookaheadAudit.Result r : results) {
        String converge = r.convergence().stream()
            .map(c -> c.converged() ? Integer.toString(c.barsToConverge()) : "no").distinct()
            .reduce((a, b) -> a + "/" + b).orElse("");
        if (r.clean()) {
          rows.add(List.of(r.target(), r.type(), Integer.toString(r.cutsChecked()), "clean", "", "", converge));
        } else {
          for (LookaheadAudit.Finding f : r.findings()) {
            rows.add(List.of(r.target(), r.type(), Integer.toString(r.cutsChecked()),
                f.name().equals(r.target()) ? "LEAK" : "LEAK " + f.kind() + " " + f.name(), f.firstBar() + " (" + Timestamps.formatDate(f.firstTimeMillis())
                + ", cut " + f.cut() + ")", f.kind().equals("decision") ? "other decision"
                : Double.isNaN(f.difference()) ? "value vs none" : String.format(Locale.ROOT, "%.6g", f.difference()),
                converge));
          }
        }
      }
      o.println("look-ahead audit on " + (data == null ? "a synthetic " + series.size() + "-bar series (seed " + seed + ")"
          : data + " (" + series.size() + " bars)") + "; comparison " + (tolerance == 0 ? "exact" : "within "
          + tolerance) + "; convergence to 1e-9 relative");
      o.println();
      Tables.print(o, List.of("target", "type", "cuts", "result", "first bar", "difference", "converges after"), rows);
      for (String s : skipped) {
        o.println("skipped: " + s);
      }
      o.println();
      o.printf(Locale.ROOT, "%d targets, %d clean, %d leaking, %.1f s%n", results.size(), results.size() - leaking,
          leaking, seconds);
    }

  }
}
