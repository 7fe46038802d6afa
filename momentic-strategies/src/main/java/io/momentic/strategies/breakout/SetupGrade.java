package io.momentic.strategies.breakout;

/**
 * The setup grade of reference 001 — A+, A, B or C — from the better of the two candidates (never a
 * legacy aggregate: a bad aggregate must not hide an excellent candidate), with the rule that set it.
 *
 * <ul>
 *   <li>C when no candidate is tradeable (none, or its EVw ≤ 0), or the walk-forward FAILs;</li>
 *   <li>A+ when a tradeable candidate has EVw ≥ 0.5 R, the walk-forward PASSes and (when Step 2 ran) its
 *       ML probability is at least 65 %;</li>
 *   <li>A when EVw ≥ 0.3 R, the walk-forward is PASS or BORDERLINE and ML (when run) at least 55 %;</li>
 *   <li>else B;</li>
 *   <li>the "B rescue": a tradeable candidate with ML ≥ 60 % is never below B, whatever else set C.</li>
 * </ul>
 */
public final class SetupGrade {

  /** The grade and the rule behind it. */
  public record Grade(String grade, String rule) {}

  private SetupGrade() {}

  /**
   * @param evwA candidate A's EVw (NaN: no candidate), {@code evwB} likewise
   * @param mlA the ML probability for A (NaN: Step 2 not run), {@code mlB} likewise
   * @param walkForward the walk-forward verdict
   */
  public static Grade of(double evwA, double mlA, double evwB, double mlB, String walkForward) {
    Grade a = one("A", evwA, mlA, walkForward);
    Grade b = one("B", evwB, mlB, walkForward);
    return rank(a.grade()) >= rank(b.grade()) ? a : b;
  }

  private static Grade one(String name, double evw, double ml, String wf) {
    boolean tradeable = evw > 0;
    boolean mlRan = !Double.isNaN(ml);
    Grade g;
    if (!tradeable) {
      g = new Grade("C", "candidate " + name + (Double.isNaN(evw) ? " absent" : " not tradeable (EVw "
          + fmt(evw) + " R ≤ 0)"));
    } else if ("FAIL".equals(wf)) {
      g = new Grade("C", "walk-forward FAIL (out-of-sample PF below 1)");
    } else if (evw >= 0.5 && "PASS".equals(wf) && (!mlRan || ml >= 0.65)) {
      g = new Grade("A+", "candidate " + name + ": EVw " + fmt(evw) + " R ≥ 0.5, walk-forward PASS"
          + (mlRan ? ", ML " + pct(ml) + " ≥ 65 %" : ""));
    } else if (evw >= 0.3 && ("PASS".equals(wf) || "BORDERLINE".equals(wf)) && (!mlRan || ml >= 0.55)) {
      g = new Grade("A", "candidate " + name + ": EVw " + fmt(evw) + " R ≥ 0.3, walk-forward " + wf
          + (mlRan ? ", ML " + pct(ml) + " ≥ 55 %" : ""));
    } else {
      g = new Grade("B", "candidate " + name + " tradeable (EVw " + fmt(evw) + " R > 0)");
    }
    if (tradeable && mlRan && ml >= 0.60 && rank(g.grade()) < rank("B")) {
      g = new Grade("B", "B rescue: candidate " + name + " tradeable and ML " + pct(ml) + " ≥ 60 % (was C: "
          + g.rule() + ")");
    }
    return g;
  }

  static int rank(String grade) {
    return switch (grade) {
      case "A+" -> 3;
      case "A" -> 2;
      case "B" -> 1;
      default -> 0;
    };
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.2f", v);
  }

  private static String pct(double v) {
    return String.format(java.util.Locale.ROOT, "%.0f %%", 100 * v);
  }
}
