package io.momentic.cli.research;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.Main;
import io.momentic.cli.MomenticCommand;
import io.momentic.report.Json;
import io.momentic.workflow.research.AutoresearchLoop;
import io.momentic.workflow.research.ResearchLoops;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code momentic research}: the autoresearch loop of reference 004. */
@Command(name = "research", mixinStandardHelpOptions = true, subcommands = {ResearchCommand.Loop.class},
    description = "Automated research: the autoresearch loop of reference 004 (one parameter at a time, lock-in of "
        + "winners, a budget, a shutdown report).")
public final class ResearchCommand implements Callable<Integer> {

  @ParentCommand
  MomenticCommand root;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return Main.EXIT_OK;
  }

  /** {@code momentic research loop --program FILE.toml}. */
  @Command(name = "loop", mixinStandardHelpOptions = true,
      description = {"Run an autoresearch program: sweep one parameter at a time over its candidates (in the "
          + "program's priority order, everything else at the current defaults), lock a winner in as the new "
          + "default only when it beats the current defaults' score, stop on the budget (trials or time), append "
          + "every trial to the results TSV and write the shutdown report to docs/autoresearch-reports/ in the "
          + "workspace. The score (ensemble_score for target = \"gem\", regime_score for \"regime\") is fixed.",
          "",
          "The program (TOML): [program] tag, target (gem | regime), max_trials (50), max_seconds (600), rounds (1), "
              + "zoom (false), results (TSV path); [gem] data, preset, fit, timing or [regime] data, labels, vix, "
              + "base (an experiment id), experiments (a TOML file of experiments); [start] values to start from; "
              + "[[parameter]] name and values, in priority order. Examples: config/research_loop_gem.toml, "
              + "config/research_loop_regime.toml."})
  public static final class Loop implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    ResearchCommand parent;

    @Option(names = "--program", required = true, paramLabel = "FILE.toml", description = "The research program.")
    Path program;

    @Option(names = "--fresh", description = "Ignore the defaults an earlier run of this program locked in "
        + "(research/<tag>/locked.toml) and start from the program's own.")
    boolean fresh;

    @Option(names = "--max-trials", paramLabel = "N", description = "Override the program's trial budget.")
    Integer maxTrials;

    @Option(names = "--max-seconds", paramLabel = "S", description = "Override the program's time budget.")
    Double maxSeconds;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The report's date (default: today, UTC).")
    LocalDate date;

    @Option(names = "--json", description = "Print the outcome as JSON (trial lines go to standard error).")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter lines = json ? spec.commandLine().getErr() : out;
      ResearchLoops.LoopRecord r = ResearchLoops.run(new ResearchLoops.LoopRequest(program,
          parent.root.workspace(), fresh, maxTrials, maxSeconds, line -> {
            lines.println(line);
            lines.flush();
          }, date != null ? date : LocalDate.now(ZoneOffset.UTC), System::nanoTime));
      AutoresearchLoop.Result res = r.result();
      if (json) {
        out.println(Json.pretty(document(r)));
        return ExitCodes.OK;
      }
      out.printf(Locale.ROOT, "Done. %d trials in %.1f s; stopped: %s.%n", res.trialCount(), res.seconds(),
          res.stopReason());
      out.println("Best: " + res.finalParams().entrySet().stream()
          .filter(e -> !e.getValue().equals(res.startParams().get(e.getKey())))
          .map(e -> e.getKey() + "=" + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("the starting defaults")
          + " (score " + score(res.best().score()) + " from " + score(res.baseline().score()) + ")");
      out.println("Report: " + r.report());
      out.println("Results: " + r.resultsTsv());
      if (r.locked() != null) {
        out.println("Locked defaults: " + r.locked());
      }
      return Main.EXIT_OK;
    }

    static Map<String, Object> document(ResearchLoops.LoopRecord r) {
      AutoresearchLoop.Result res = r.result();
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("tag", r.program().program().tag());
      d.put("target", r.program().program().target());
      d.put("trials", res.trialCount());
      d.put("seconds", res.seconds());
      d.put("stop_reason", res.stopReason());
      d.put("resumed", r.resumed());
      d.put("baseline_score", finite(res.baseline().score()));
      d.put("best_score", finite(res.best().score()));
      d.put("start_params", new java.util.TreeMap<>(res.startParams()));
      d.put("final_params", new java.util.TreeMap<>(res.finalParams()));
      List<Map<String, Object>> sweeps = new ArrayList<>();
      for (AutoresearchLoop.Sweep s : res.sweeps()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("round", s.round());
        m.put("param", s.param());
        m.put("before", s.before());
        m.put("tried", s.candidates().stream().map(AutoresearchLoop.Trial::value).toList());
        m.put("winner", s.winner() == null ? null : s.winner().value());
        m.put("score_before", finite(s.scoreBefore()));
        m.put("score_after", finite(s.scoreAfter()));
        m.put("locked", s.locked());
        m.put("hostile", s.hostile());
        sweeps.add(m);
      }
      d.put("sweeps", sweeps);
      List<Map<String, Object>> trials = new ArrayList<>();
      for (AutoresearchLoop.Trial t : res.trials()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", t.number() >= 0 ? t.number() : null);
        m.put("round", t.round());
        m.put("param", t.param());
        m.put("value", t.value());
        m.put("score", t.evaluation() == null ? null : finite(t.score()));
        m.put("outcome", t.outcome().name().toLowerCase(Locale.ROOT));
        m.put("message", t.message());
        m.put("figures", t.evaluation() == null ? null : t.evaluation().figures());
        trials.add(m);
      }
      d.put("trial_log", trials);
      Map<String, Object> deflated = null;
      if (res.deflated() != null) {
        deflated = new LinkedHashMap<>();
        deflated.put("dsr", res.deflated().dsr());
        deflated.put("psr", res.deflated().psr());
        deflated.put("sr0", res.deflated().sr0());
      }
      d.put("deflated_sharpe", deflated);
      d.put("pbo", res.pbo() == null ? null : res.pbo().pbo());
      d.put("report", r.report().toString());
      d.put("results_tsv", r.resultsTsv().toString());
      d.put("locked", r.locked() == null ? null : r.locked().toString());
      return d;
    }

    private static Double finite(double v) {
      return Double.isFinite(v) ? v : null;
    }

    private static String score(double s) {
      return Double.isFinite(s) ? String.format(Locale.ROOT, "%.6f", s) : "-inf (rejected)";
    }
  }
}
