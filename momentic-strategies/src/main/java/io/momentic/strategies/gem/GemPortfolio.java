package io.momentic.strategies.gem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** {@code build_portfolio} (spec §1.3): filters, momentum rank, top N, then weights. */
public final class GemPortfolio {

  /** A target: token index and weight (weights of a non-empty portfolio sum to 1). */
  public record Target(int token, double weight) {}

  private GemPortfolio() {}

  /** Targets in rank order, from today's fits in token order. */
  public static List<Target> build(List<GemFit.Position> fits, GemParams p) {
    List<GemFit.Position> kept = new ArrayList<>();
    for (GemFit.Position f : fits) {
      if (p.useGrowthFilter() && !(f.a1() > 1.0)) {
        continue;
      }
      if (p.useR2Filter() && !(f.r2() > p.r2Threshold())) {
        continue;
      }
      if (p.useMomentumCap() && p.momentumCap() > 0 && !(f.momentum() < p.momentumCap())) {
        continue;
      }
      kept.add(f);
    }
    // A stable sort: equal momenta keep token order.
    Comparator<GemFit.Position> byMomentum = Comparator.comparingDouble(GemFit.Position::momentum);
    kept.sort(p.pickLowestMomentum() ? byMomentum : byMomentum.reversed());
    List<GemFit.Position> top = new ArrayList<>();
    for (GemFit.Position f : kept.subList(0, Math.min(p.topN(), kept.size()))) {
      if (f.atr() > 0) { // dropped after the cut, so the portfolio can hold fewer than top_n
        top.add(f);
      }
    }
    List<Target> out = new ArrayList<>(top.size());
    double inverseSum = 0;
    for (GemFit.Position f : top) {
      inverseSum += 1 / f.atr();
    }
    for (GemFit.Position f : top) {
      out.add(new Target(f.token(), p.useInverseVolWeighting() ? (1 / f.atr()) / inverseSum : 1.0 / top.size()));
    }
    return out;
  }
}
