package io.momentic.workflow.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.core.ConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AutoresearchLoopTest {

  /**
   * A made-up target with a known landscape: score = 10 − (a − 3)² − (b − 2)², rejected (−∞) when
   * c = "on", and the combination a = 5 with b = 0 refused as invalid. Each configuration's series
   * is seeded noise around its score, so DSR and PBO have something to measure.
   */
  static final class Bowl implements AutoresearchLoop.Target {
    final List<Map<String, String>> evaluated = new ArrayList<>();
    long[] clock;
    long nanosPerTrial;

    @Override
    public String scoreName() {
      return "bowl";
    }

    @Override
    public Map<String, String> start() {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("a", "1");
      m.put("b", "0");
      m.put("c", "off");
      return m;
    }

    @Override
    public AutoresearchLoop.Evaluation evaluate(int trial, Map<String, String> params) {
      int a = Integer.parseInt(params.get("a"));
      int b = Integer.parseInt(params.get("b"));
      if (a == 5 && b == 0) {
        throw new ConfigException("a", "expected a < 5 when b = 0, found 5");
      }
      evaluated.add(params);
      if (clock != null) {
        clock[0] += nanosPerTrial;
      }
      double score = params.get("c").equals("on") ? Double.NEGATIVE_INFINITY : 10 - (a - 3) * (a - 3) - (b - 2) * (b - 2);
      SplittableRandom rng = new SplittableRandom(params.hashCode());
      double[] series = new double[64];
      for (int t = 0; t < series.length; t++) {
        series[t] = 0.001 * (Double.isFinite(score) ? score : -5) + 0.01 * (rng.nextDouble() - 0.5);
      }
      return new AutoresearchLoop.Evaluation(score, series, Map.of());
    }
  }

  static List<AutoresearchLoop.Parameter> priority() {
    return List.of(new AutoresearchLoop.Parameter("a", List.of("1", "2", "3", "5")),
        new AutoresearchLoop.Parameter("b", List.of("0", "1", "2", "4")),
        new AutoresearchLoop.Parameter("c", List.of("off", "on")));
  }

  static AutoresearchLoop.Result run(Bowl bowl, int rounds, boolean zoom, int maxTrials, double maxSeconds) {
    long[] clock = bowl.clock != null ? bowl.clock : new long[1];
    return AutoresearchLoop.run(bowl, priority(), rounds, zoom, new AutoresearchLoop.Budget(maxTrials, maxSeconds),
        () -> clock[0], new AutoresearchLoop.Listener() {});
  }

  @Test
  void oneAtATime_keepsOnlyWhatBeatsTheBest_andLocksWinnersIn() {
    Bowl bowl = new Bowl();
    AutoresearchLoop.Result r = run(bowl, 1, false, 100, 1e9);
    // Baseline a=1 b=0: 10 − 4 − 4 = 2. Sweep a (b = 0): 2 → 10−1−4 = 5 kept, 3 → 6 kept, 5 invalid (a=5, b=0).
    AutoresearchLoop.Sweep a = r.sweeps().get(0);
    assertThat(r.baseline().score()).isEqualTo(2);
    assertThat(a.candidates()).extracting(AutoresearchLoop.Trial::value).containsExactly("2", "3", "5");
    assertThat(a.candidates()).extracting(AutoresearchLoop.Trial::outcome).containsExactly(
        AutoresearchLoop.Outcome.KEPT, AutoresearchLoop.Outcome.KEPT, AutoresearchLoop.Outcome.INVALID);
    assertThat(a.locked()).isTrue();
    assertThat(a.winner().value()).isEqualTo("3");
    assertThat(a.scoreBefore()).isEqualTo(2);
    assertThat(a.scoreAfter()).isEqualTo(6);
    // Sweep b at a = 3 (the locked-in default): 1 → 9 kept, 2 → 10 kept, 4 → 6 discarded.
    AutoresearchLoop.Sweep b = r.sweeps().get(1);
    assertThat(b.candidates()).extracting(AutoresearchLoop.Trial::params).allMatch(p -> p.get("a").equals("3"));
    assertThat(b.candidates()).extracting(AutoresearchLoop.Trial::outcome).containsExactly(
        AutoresearchLoop.Outcome.KEPT, AutoresearchLoop.Outcome.KEPT, AutoresearchLoop.Outcome.DISCARDED);
    assertThat(b.winner().value()).isEqualTo("2");
    // Sweep c: "off" is the incumbent, "on" is rejected: a hostile zone, nothing changes.
    AutoresearchLoop.Sweep c = r.sweeps().get(2);
    assertThat(c.candidates()).extracting(AutoresearchLoop.Trial::value).containsExactly("on");
    assertThat(c.hostile()).isTrue();
    assertThat(c.locked()).isFalse();
    assertThat(r.finalParams()).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"), Map.entry("c", "off"));
    assertThat(r.best().score()).isEqualTo(10);
    // Trials: baseline, a=2, a=3, b=1, b=2, b=4, c=on; the invalid a=5 cost none.
    assertThat(r.trialCount()).isEqualTo(7);
    assertThat(bowl.evaluated).hasSize(7);
    assertThat(r.stopReason()).isEqualTo("the priority list was swept once");
    assertThat(r.deflated()).isNotNull();
    assertThat(r.pbo()).isNotNull();
    assertThat(r.pbo().trials()).isEqualTo(7);
  }

  @Test
  void aSecondRound_reusesWhatItHasSeen_andZoomAddsMidpoints() {
    Bowl bowl = new Bowl();
    AutoresearchLoop.Result r = run(bowl, 2, true, 100, 1e9);
    // Round 2, a at b = 2: 1 and 2 are new configurations (b changed), 5 is now valid; zoom added the
    // midpoints of 3 with its neighbours 2 and 5: 2.5 → 3 (rounded, already there) and 4.
    AutoresearchLoop.Sweep a2 = r.sweeps().get(3);
    assertThat(a2.round()).isEqualTo(2);
    assertThat(a2.candidates()).extracting(AutoresearchLoop.Trial::value).containsExactly("1", "2", "5", "4");
    assertThat(a2.locked()).isFalse(); // a = 3 stays best: 10 against 6, 9, 6, 9
    // Round 2, b at a = 3 (grid zoomed around its winner 2: 1.5 → 2, already there, and 3): b = 0 at a = 3 was
    // trial 2, b = 1 trial 3 and b = 4 trial 5, so only b = 3 is new (10 − 0 − 1 = 9, not a lock-in).
    AutoresearchLoop.Sweep b2 = r.sweeps().get(4);
    assertThat(b2.candidates()).extracting(AutoresearchLoop.Trial::value).containsExactly("0", "1", "4", "3");
    assertThat(b2.candidates()).extracting(AutoresearchLoop.Trial::reusedFrom).containsExactly(2, 3, 5, -1);
    assertThat(b2.candidates()).extracting(AutoresearchLoop.Trial::number).containsExactly(-1, -1, -1, 11);
    assertThat(b2.candidates().get(3).score()).isEqualTo(9);
    // c = on at (3, 2) was trial 6. Round 2 spent trials 7–10 on a and 11 on b: 12 in all.
    assertThat(r.sweeps().get(5).candidates().get(0).reusedFrom()).isEqualTo(6);
    assertThat(r.trialCount()).isEqualTo(12);
    assertThat(bowl.evaluated).hasSize(12).doesNotHaveDuplicates();
  }

  @Test
  void theBudget_stopsTheLoop_andAWinnerMeasuredBeforeItIsLockedIn() {
    AutoresearchLoop.Result byTrials = run(new Bowl(), 1, false, 3, 1e9);
    // Trials 0 (baseline), 1 (a=2), 2 (a=3): the sweep of a is cut short before a=5, its winner 3 is locked in.
    assertThat(byTrials.trialCount()).isEqualTo(3);
    assertThat(byTrials.stopReason()).isEqualTo("the trial budget (3) was spent");
    assertThat(byTrials.sweeps()).hasSize(1);
    assertThat(byTrials.sweeps().get(0).cutShort()).isTrue();
    assertThat(byTrials.finalParams().get("a")).isEqualTo("3");

    Bowl slow = new Bowl();
    slow.clock = new long[1];
    slow.nanosPerTrial = 10_000_000_000L; // 10 s a trial on the fake clock
    AutoresearchLoop.Result byTime = run(slow, 1, false, 100, 25);
    // Checked before each trial: 0 s → trial 0, 10 s → trial 1, 20 s → trial 2, 30 s ≥ 25 s → stop.
    assertThat(byTime.trialCount()).isEqualTo(3);
    assertThat(byTime.stopReason()).isEqualTo("the time budget (25.0 s) was spent");
    assertThat(byTime.seconds()).isEqualTo(30.0);
  }

  @Test
  void zoomedGrids_andBadSettings() {
    assertThat(AutoresearchLoop.zoomed(List.of("7", "14", "21"), "14")).containsExactly("7", "14", "21", "11", "18");
    assertThat(AutoresearchLoop.zoomed(List.of("0.3", "0.5", "0.7"), "0.3")).containsExactly("0.3", "0.5", "0.7",
        "0.4");
    assertThat(AutoresearchLoop.zoomed(List.of("mvn_full", "mvn_diag"), "mvn_diag")).containsExactly("mvn_full",
        "mvn_diag");
    assertThat(AutoresearchLoop.same("5", "5.0")).isTrue();
    assertThatThrownBy(() -> AutoresearchLoop.run(new Bowl(), List.of(new AutoresearchLoop.Parameter("d",
        List.of("1"))), 1, false, new AutoresearchLoop.Budget(5, 10), () -> 0, new AutoresearchLoop.Listener() {}))
        .isInstanceOf(ConfigException.class).hasMessageContaining("found 'd'");
    assertThatThrownBy(() -> new AutoresearchLoop.Budget(0, 10)).isInstanceOf(ConfigException.class);
  }
}
