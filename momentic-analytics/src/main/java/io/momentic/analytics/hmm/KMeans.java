package io.momentic.analytics.hmm;

import java.util.SplittableRandom;

/**
 * Seeded k-means for HMM starts, following scikit-learn's {@code KMeans} conventions (its
 * documented defaults): greedy k-means++ seeding with {@code 2 + ⌊ln k⌋} candidates per centre,
 * Lloyd iterations until the labels stop changing or the centres move less than
 * {@code 1e-4 × mean channel variance} (at most 300), and the lowest inertia of
 * {@code inits} initialisations. The random stream differs from scikit-learn's, so the
 * partition agrees where the clustering has one clear optimum (spec §4.5 expects the same basin,
 * not the same draws).
 */
final class KMeans {

  static final int MAX_ITERATIONS = 300;
  static final double RELATIVE_TOLERANCE = 1e-4;

  private KMeans() {}

  /** Cluster labels 0…k−1 of each row of {@code x}. */
  static int[] cluster(double[][] x, int k, int inits, SplittableRandom rng) {
    if (x.length < k) {
      throw new IllegalArgumentException("Expected at least " + k + " rows to form " + k + " clusters, but found "
          + x.length);
    }
    double tolerance = RELATIVE_TOLERANCE * meanVariance(x);
    int[] best = null;
    double bestInertia = Double.POSITIVE_INFINITY;
    for (int init = 0; init < inits; init++) {
      double[][] centres = seed(x, k, rng);
      int[] label = new int[x.length];
      double inertia = lloyd(x, centres, label, tolerance);
      if (inertia < bestInertia) {
        bestInertia = inertia;
        best = label;
      }
    }
    return best;
  }

  private static double[][] seed(double[][] x, int k, SplittableRandom rng) {
    int n = x.length;
    int trials = 2 + (int) Math.floor(Math.log(k));
    double[][] centres = new double[k][];
    centres[0] = x[rng.nextInt(n)].clone();
    double[] closest = new double[n];
    for (int t = 0; t < n; t++) {
      closest[t] = distance2(x[t], centres[0]);
    }
    double[] candidateClosest = new double[n];
    for (int c = 1; c < k; c++) {
      double potential = sum(closest);
      int bestCandidate = -1;
      double bestPotential = Double.POSITIVE_INFINITY;
      double[] bestClosest = null;
      for (int trial = 0; trial < trials; trial++) {
        int pick = sample(closest, potential, rng);
        double candidatePotential = 0;
        for (int t = 0; t < n; t++) {
          candidateClosest[t] = Math.min(closest[t], distance2(x[t], x[pick]));
          candidatePotential += candidateClosest[t];
        }
        if (candidatePotential < bestPotential) {
          bestPotential = candidatePotential;
          bestCandidate = pick;
          bestClosest = candidateClosest.clone();
        }
      }
      centres[c] = x[bestCandidate].clone();
      closest = bestClosest;
    }
    return centres;
  }

  private static int sample(double[] weight, double total, SplittableRandom rng) {
    if (!(total > 0)) {
      return rng.nextInt(weight.length);
    }
    double u = rng.nextDouble() * total;
    for (int t = 0; t < weight.length; t++) {
      u -= weight[t];
      if (u < 0) {
        return t;
      }
    }
    return weight.length - 1;
  }

  /** Lloyd iterations in place; returns the inertia of the final labels. */
  private static double lloyd(double[][] x, double[][] centres, int[] label, double tolerance) {
    int k = centres.length;
    int d = x[0].length;
    java.util.Arrays.fill(label, -1);
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      boolean changed = assign(x, centres, label);
      double[][] next = new double[k][d];
      int[] count = new int[k];
      for (int t = 0; t < x.length; t++) {
        count[label[t]]++;
        for (int c = 0; c < d; c++) {
          next[label[t]][c] += x[t][c];
        }
      }
      double shift = 0;
      for (int j = 0; j < k; j++) {
        if (count[j] == 0) {
          next[j] = farthest(x, centres, label).clone(); // an empty cluster takes the worst-served point
        } else {
          for (int c = 0; c < d; c++) {
            next[j][c] /= count[j];
          }
        }
        shift += distance2(next[j], centres[j]);
        centres[j] = next[j];
      }
      if (!changed && it > 0 || shift <= tolerance) {
        assign(x, centres, label);
        break;
      }
    }
    double inertia = 0;
    for (int t = 0; t < x.length; t++) {
      inertia += distance2(x[t], centres[label[t]]);
    }
    return inertia;
  }

  private static boolean assign(double[][] x, double[][] centres, int[] label) {
    boolean changed = false;
    for (int t = 0; t < x.length; t++) {
      int best = 0;
      double bestDistance = distance2(x[t], centres[0]);
      for (int j = 1; j < centres.length; j++) {
        double dj = distance2(x[t], centres[j]);
        if (dj < bestDistance) {
          bestDistance = dj;
          best = j;
        }
      }
      changed |= label[t] != best;
      label[t] = best;
    }
    return changed;
  }

  private static double[] farthest(double[][] x, double[][] centres, int[] label) {
    int worst = 0;
    double worstDistance = -1;
    for (int t = 0; t < x.length; t++) {
      double dt = distance2(x[t], centres[label[t]]);
      if (dt > worstDistance) {
        worstDistance = dt;
        worst = t;
      }
    }
    return x[worst];
  }

  private static double meanVariance(double[][] x) {
    double[] std = MultivariateHmm.populationStd(x);
    double sum = 0;
    for (double s : std) {
      sum += s * s;
    }
    return sum / std.length;
  }

  static double distance2(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      s += d * d;
    }
    return s;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
