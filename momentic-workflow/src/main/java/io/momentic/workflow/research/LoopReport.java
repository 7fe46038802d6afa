package io.momentic.workflow.research;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The loop's mandatory shutdown report (spec §3.1–§3.2): executive summary; runtime; the
 * per-parameter table (values tried, winner, score before and after); validated findings with the
 * trial count, deflated Sharpe ratio and PBO; fundamental limitations; recommendations; and the
 * appendix with the final parameters. Every sentence is derived from the run's record.
 */
final class LoopReport {

  private LoopReport() {}

  /** Six decimals, or inf / -inf / nan as the TSVs write them. */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return String.format(Locale.ROOT, "%.6f", v);
  }

  static String delta(double before, double after) {
    if (!Double.isFinite(before) || !Double.isFinite(after)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%+.6f", after - before);
  }

  /** One progress line per trial. */
  static String trialLine(AutoresearchLoop.Trial t, String scoreName, double best) {
    String what = t.param() == null ? "baseline (the starting defaults)" : t.param() + "=" + t.value();
    String head = t.number() >= 0 ? "trial " + t.number() + (t.param() == null ? "" : " (round " + t.round() + ")")
        : "no trial";
    return switch (t.outcome()) {
      case INVALID -> head + " " + what + ": invalid combination, not run: " + t.message();
      case FAILED -> head + " " + what + ": failed: " + t.message();
      default -> String.format(Locale.ROOT, "%s %s: %s %s, %s (best %s), %.1f s", head, what, scoreName,
          num(t.score()), t.outcome().name().toLowerCase(Locale.ROOT), num(best), t.seconds());
    };
  }

  /** The reference's commit message for a lock-in: {@code <param>=<value> (score <best> from <baseline>)}. */
  static String commitLine(AutoresearchLoop.Sweep s) {
    return "Locked in " + s.param() + "=" + s.winner().value() + " (score " + num(s.scoreAfter()) + " from "
        + num(s.scoreBefore()) + ")";
  }

  static String markdown(LoopProgram program, AutoresearchLoop.Result r, List<String> describe, List<String> appendix,
      LocalDate today, boolean resumed) {
    String score = program.program().target().equals("gem") ? "ensemble_score" : "regime_score";
    List<String> out = new ArrayList<>();
    List<AutoresearchLoop.Sweep> locks = r.sweeps().stream().filter(AutoresearchLoop.Sweep::locked).toList();
    List<AutoresearchLoop.Sweep> hostile = r.sweeps().stream().filter(AutoresearchLoop.Sweep::hostile).toList();
    double start = r.baseline().score();
    double end = r.best().score();
    out.add("# Autoresearch report: " + program.program().tag() + " (" + today + ")");
    out.add("");
    out.add("## 1. Executive summary");
    out.add("");
    describe.forEach(d -> out.add("- " + d));
    out.add("- " + score + ": " + num(start) + " at the starting defaults, " + num(end) + " at the final ones ("
        + delta(start, end) + "), after " + r.trialCount() + " trials; the loop stopped because " + r.stopReason()
        + ".");
    if (locks.isEmpty()) {
      out.add("- No candidate beat the starting defaults: nothing was locked in.");
    } else {
      out.add("- Locked in, in order: " + String.join(", ", locks.stream().map(s -> s.param() + " " + s.before()
          + " → " + s.winner().value()).toList()) + ".");
    }
    out.add("- Selection bias: " + overfittingSentence(r));
    out.add("");
    out.add("## 2. Runtime");
    out.add("");
    out.add(String.format(Locale.ROOT, "- Wall time %.1f s for %d trials (%.2f s per trial); budget %d trials or "
            + "%s s.", r.seconds(), r.trialCount(), r.trialCount() == 0 ? 0 : r.seconds() / r.trialCount(),
        program.program().maxTrials(), program.program().maxSeconds()));
    out.add("- " + (resumed ? "Resumed from the defaults locked in by an earlier run of this program."
        : "Started fresh from the program's starting values."));
    long invalid = r.trials().stream().filter(t -> t.outcome() == AutoresearchLoop.Outcome.INVALID).count();
    long failed = r.trials().stream().filter(t -> t.outcome() == AutoresearchLoop.Outcome.FAILED).count();
    out.add("- Configurations refused as invalid (no trial spent): " + invalid + "; trials that failed: " + failed
        + ".");
    out.add("");
    out.add("## 3. Per-parameter results");
    out.add("");
    out.add("| round | parameter | default before | values tried | within-sweep winner | score before | score after "
        + "| delta | decision |");
    out.add("|---:|---|---|---|---|---:|---:|---:|---|");
    for (AutoresearchLoop.Sweep s : r.sweeps()) {
      String tried = String.join(", ", s.candidates().stream().map(t -> t.value() + " → " + (t.evaluation() == null
          ? t.outcome().name().toLowerCase(Locale.ROOT) : num(t.score()))).toList());
      String decision = s.locked() ? "locked in" : s.cutShort() ? "budget spent mid-sweep"
          : s.hostile() ? "hostile zone: every candidate rejected" : s.candidates().isEmpty() ? "nothing new to try"
          : "default kept";
      out.add("| " + s.round() + " | " + s.param() + " | " + s.before() + " | " + (tried.isEmpty() ? "–" : tried)
          + " | " + (s.winner() == null ? "–" : s.winner().value()) + " | " + num(s.scoreBefore()) + " | "
          + num(s.scoreAfter()) + " | " + delta(s.scoreBefore(), s.scoreAfter()) + " | " + decision + " |");
    }
    out.add("");
    out.add("Every trial, in order (a configuration met again is answered from its first trial):");
    out.add("");
    out.add("| trial | round | change | " + score + " | outcome | seconds |");
    out.add("|---:|---:|---|---:|---|---:|");
    for (AutoresearchLoop.Trial t : r.trials()) {
      out.add("| " + (t.number() >= 0 ? Integer.toString(t.number()) : "–") + " | " + t.round() + " | "
          + (t.param() == null ? "baseline" : t.param() + "=" + t.value()) + " | "
          + (t.evaluation() == null ? "–" : num(t.score())) + " | " + t.outcome().name().toLowerCase(Locale.ROOT)
          + (t.message() == null ? "" : ": " + t.message().replace("|", "/")) + " | "
          + String.format(Locale.ROOT, "%.2f", t.seconds()) + " |");
    }
    out.add("");
    out.add("## 4. Validated findings");
    out.add("");
    if (locks.isEmpty()) {
      out.add("- None: the starting defaults scored highest among the " + r.trialCount() + " trials.");
    }
    for (AutoresearchLoop.Sweep s : locks) {
      out.add("- " + s.param() + " = " + s.winner().value() + " (was " + s.before() + "): " + score + " "
          + num(s.scoreBefore()) + " → " + num(s.scoreAfter()) + " (" + delta(s.scoreBefore(), s.scoreAfter())
          + "), every other parameter at the defaults of that moment.");
    }
    out.add("- Trials behind the final defaults: " + r.trialCount() + ". " + overfittingSentence(r));
    out.add("");
    out.add("## 5. Fundamental limitations");
    out.add("");
    out.add("- One parameter at a time: interactions are invisible. The pairs never varied together here: "
        + pairs(program) + ". A joint optimum that needs two changes at once, each worse alone, is never found.");
    out.add("- Every trial is scored on the same sample: the deflated Sharpe ratio and PBO measure the selection's "
        + "bias, they are not an out-of-sample test.");
    if (!hostile.isEmpty()) {
      out.add("- Hostile zones (every candidate rejected, nothing changed): " + String.join(", ",
          hostile.stream().map(s -> s.param() + " over " + String.join("/", s.candidates().stream()
              .map(AutoresearchLoop.Trial::value).toList())).toList()) + ".");
    }
    if (program.program().target().equals("regime")) {
      out.add("- The score is blind to adjacent-regime flips: a day's loss charges \"ranging\" only b = 0.25 against "
          + "c = 8 for the opposite regime, so a model that answers \"ranging\" through a bear still keeps s ≈ 0.86 "
          + "for that day, and flicking between bear and ranging costs almost nothing. A winner can win by "
          + "abstaining (spec §6.15); its flip count (in the TSV) is reported, not scored.");
    } else if ("same-close".equals(program.gem().timing())) {
      out.add("- Same-close timing (the reference's): each decision fills at the close it was made on, which is "
          + "optimistic; 'momentic gem run --timing next-open' shows the cost of deciding first.");
    }
    out.add("");
    out.add("## 6. Recommendations");
    out.add("");
    out.add("- Near term: " + nearTerm(program, r));
    out.add("- Medium term: vary the locked-in parameters jointly (a small grid over " + (locks.size() >= 2
        ? locks.get(0).param() + " × " + locks.get(1).param() : "the two highest-priority parameters")
        + ") and try deletions (turn one component off at a time) to see which parts carry the score.");
    out.add("- Long term: judge the final defaults out of sample (a walk-forward or a later period, then paper "
        + "trading) before trusting the in-sample gain.");
    out.add("");
    out.add("## Appendix: final parameters");
    out.add("");
    out.add("| parameter | start | final |");
    out.add("|---|---|---|");
    for (Map.Entry<String, String> e : r.finalParams().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .toList()) {
      String was = r.startParams().get(e.getKey());
      out.add("| " + e.getKey() + " | " + was + " | " + e.getValue() + (e.getValue().equals(was) ? "" : " (changed)")
          + " |");
    }
    out.add("");
    out.addAll(appendix);
    out.add("");
    return String.join("\n", out);
  }

  static String overfittingSentence(AutoresearchLoop.Result r) {
    StringBuilder b = new StringBuilder();
    if (r.deflated() != null) {
      b.append(String.format(Locale.ROOT, "deflated Sharpe ratio %.4f (PSR %.4f against a zero Sharpe ratio, "
              + "expected best of %d trials by luck: annual Sharpe %.4f)", r.deflated().dsr(), r.deflated().psr(),
          r.trialCount(), r.deflated().sr0()));
      b.append(r.deflated().dsr() >= 0.95 ? ", significant at 95 % after the search" : ", not significant at 95 % "
          + "after the search");
    } else {
      b.append("no deflated Sharpe ratio (").append(r.seriesName().equals("daily returns")
          ? "the best configuration's returns do not vary" : "the score is not a return series").append(")");
    }
    if (r.pbo() != null) {
      b.append(String.format(Locale.ROOT, "; PBO %.4f over %d trials on %s (CSCV, %d blocks)", r.pbo().pbo(),
          r.pbo().trials(), r.seriesName(), r.pbo().partitions()));
      b.append(r.pbo().pbo() > 0.5 ? ": the in-sample choice is more likely than not below the median out of sample"
          : "");
    } else {
      b.append("; no PBO (fewer than two trials with a series)");
    }
    return b.append('.').toString();
  }

  private static String pairs(LoopProgram program) {
    List<String> names = program.parameter().stream().map(LoopProgram.Parameter::name).toList();
    if (names.size() < 2) {
      return "none (one parameter)";
    }
    int n = names.size();
    return n * (n - 1) / 2 + " pairs (" + names.get(0) + " × " + names.get(1) + (n > 2 ? ", …" : "") + ")";
  }

  private static String nearTerm(LoopProgram program, AutoresearchLoop.Result r) {
    if (!r.stopReason().startsWith("the priority list")) {
      long reached = r.sweeps().stream().filter(s -> !s.cutShort()).map(AutoresearchLoop.Sweep::param).distinct()
          .count();
      return "the budget ran out after " + reached + " of " + program.parameter().size() + " parameters; run the "
          + "program again (it resumes from the locked defaults) or raise max_trials / max_seconds.";
    }
    if (program.program().rounds() == 1 && r.sweeps().stream().anyMatch(AutoresearchLoop.Sweep::locked)) {
      return "re-sweep with the new defaults (rounds = 2) and zoom around the winners (zoom = true).";
    }
    List<String> edges = new ArrayList<>();
    for (AutoresearchLoop.Sweep s : r.sweeps()) {
      if (s.locked() && atEdge(s)) {
        edges.add(s.param() + "=" + s.winner().value());
      }
    }
    return edges.isEmpty() ? "no locked-in winner sits at the edge of its grid; these grids look exhausted, so "
        + "new candidates (or deletions) are the next step."
        : "widen the grids of the winners at the edge of their grid (" + String.join(", ", edges) + "): the "
            + "optimum may lie beyond them.";
  }

  /** Whether a numeric winner is the smallest or largest value its sweep saw (the default included). */
  static boolean atEdge(AutoresearchLoop.Sweep s) {
    try {
      double w = Double.parseDouble(s.winner().value());
      double lo = Double.parseDouble(s.before());
      double hi = lo;
      for (AutoresearchLoop.Trial t : s.candidates()) {
        double v = Double.parseDouble(t.value());
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      return w == lo || w == hi;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
