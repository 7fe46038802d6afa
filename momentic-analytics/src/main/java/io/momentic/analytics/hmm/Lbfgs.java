package io.momentic.analytics.hmm;

/**
 * Limited-memory BFGS as scipy's {@code minimize(method="L-BFGS-B")} runs it on a problem without
 * bounds (L-BFGS-B 3.0, Byrd, Lu, Nocedal and Zhu 1995, Morales and Nocedal 2011; the Moré–Thuente
 * line search of MINPACK-2): the first step and every restart along the steepest descent scaled
 * to unit length, then the two-loop L-BFGS direction with ten pairs and H₀ = (sᵀy / yᵀy)·I, the
 * line search with ftol 1e-3, gtol 0.9, xtol 0.1 and at most 20 evaluations, and scipy's stopping
 * rules: the largest gradient component ≤ 1e-5, the relative reduction of f ≤ 2.2e-9, or the
 * iteration cap. The spec's softmax M-step (§4.4) is this with 50 iterations; where its optimum
 * lies at infinity (a state with no observed exits), where it stops is the answer, so the answer
 * is the reference's only if the iteration is.
 */
final class Lbfgs {

  /** f(x), writing ∇f(x) into {@code gradient}. */
  interface Objective {
    double evaluate(double[] x, double[] gradient);
  }

  static final int MEMORY = 10;
  static final double PGTOL = 1e-5;
  /** scipy's default {@code ftol}: factr·ε with factr = 1e7. */
  static final double RELATIVE_REDUCTION = 2.2204460492503131e-09;
  static final double EPSMCH = Math.ulp(1.0);
  static final int MAX_LINE_SEARCH = 20;
  static final double STEP_MAX = 1e10;
  static final double FTOL = 1e-3;
  static final double GTOL = 0.9;
  static final double XTOL = 0.1;

  private Lbfgs() {}

  /** Minimises {@code f} from {@code start} for at most {@code maxIterations} accepted steps. */
  static double[] minimize(Objective f, double[] start, int maxIterations) {
    int n = start.length;
    double[] x = start.clone();
    double[] g = new double[n];
    double fx = f.evaluate(x, g);
    if (maxAbs(g) <= PGTOL) {
      return x;
    }
    double[][] s = new double[MEMORY][];
    double[][] y = new double[MEMORY][];
    double[] sy = new double[MEMORY];
    int col = 0;
    int head = 0; // the oldest pair
    double theta = 1;
    int iterations = 0;
    while (true) {
      double[] z = new double[n];
      if (col == 0) {
        // The generalised Cauchy point without bounds: x − g/θ.
        double f1 = -dot(g, g);
        double f2 = -theta * f1;
        double dtm = Math.max(0, -f1 / f2);
        for (int i = 0; i < n; i++) {
          z[i] = x[i] + dtm * -g[i];
        }
      } else {
        double[] du = twoLoop(g, s, y, sy, col, head, theta);
        for (int i = 0; i < n; i++) {
          z[i] = x[i] + du[i];
        }
      }
      double[] d = new double[n];
      for (int i = 0; i < n; i++) {
        d[i] = z[i] - x[i];
      }
      double[] t = x.clone();
      double[] r = g.clone();
      double fold = fx;
      double gd = dot(g, d);
      double gdold = gd;
      double stp = iterations == 0 ? Math.min(1 / Math.sqrt(dot(d, d)), STEP_MAX) : 1;
      boolean failed = !(gd < 0);
      LineSearch ls = failed ? null : new LineSearch(fold, gd, stp);
      int evaluations = 0;
      while (!failed) {
        evaluations++;
        if (evaluations - 1 >= MAX_LINE_SEARCH) {
          failed = true;
          break;
        }
        if (stp == 1) {
          System.arraycopy(z, 0, x, 0, n);
        } else {
          for (int i = 0; i < n; i++) {
            x[i] = stp * d[i] + t[i];
          }
        }
        fx = f.evaluate(x, g);
        gd = dot(g, d);
        stp = ls.next(fx, gd);
        if (ls.done) {
          break;
        }
      }
      if (failed) {
        System.arraycopy(t, 0, x, 0, n);
        System.arraycopy(r, 0, g, 0, n);
        fx = fold;
        if (col == 0) {
          return x; // abnormal termination in the line search: the last good point
        }
        col = 0;
        head = 0;
        theta = 1;
        continue; // restart from the steepest descent
      }
      stp = ls.stp;
      iterations++;
      if (iterations >= maxIterations || maxAbs(g) <= PGTOL) {
        return x;
      }
      if (fold - fx <= RELATIVE_REDUCTION * Math.max(Math.max(Math.abs(fold), Math.abs(fx)), 1)) {
        return x;
      }
      double[] yNew = new double[n];
      for (int i = 0; i < n; i++) {
        yNew[i] = g[i] - r[i];
      }
      double rr = dot(yNew, yNew);
      double dr;
      double ddum;
      if (stp == 1) {
        dr = gd - gdold;
        ddum = -gdold;
      } else {
        dr = (gd - gdold) * stp;
        for (int i = 0; i < n; i++) {
          d[i] *= stp;
        }
        ddum = -gdold * stp;
      }
      if (dr <= EPSMCH * ddum) {
        continue; // skip the update: the curvature is not positive enough
      }
      int slot;
      if (col < MEMORY) {
        slot = (head + col) % MEMORY;
        col++;
      } else {
        slot = head;
        head = (head + 1) % MEMORY;
      }
      s[slot] = d;
      y[slot] = yNew;
      sy[slot] = dr;
      theta = rr / dr;
    }
  }

  /** −H·g by the two-loop recursion over the stored pairs, oldest at {@code head}, H₀ = I/θ. */
  private static double[] twoLoop(double[] g, double[][] s, double[][] y, double[] sy, int col, int head,
      double theta) {
    int n = g.length;
    double[] q = new double[n];
    for (int i = 0; i < n; i++) {
      q[i] = -g[i];
    }
    double[] alpha = new double[col];
    for (int k = col - 1; k >= 0; k--) {
      int i = (head + k) % MEMORY;
      alpha[k] = dot(s[i], q) / sy[i];
      for (int a = 0; a < n; a++) {
        q[a] -= alpha[k] * y[i][a];
      }
    }
    for (int a = 0; a < n; a++) {
      q[a] /= theta;
    }
    for (int k = 0; k < col; k++) {
      int i = (head + k) % MEMORY;
      double beta = dot(y[i], q) / sy[i];
      for (int a = 0; a < n; a++) {
        q[a] += s[i][a] * (alpha[k] - beta);
      }
    }
    return q;
  }

  /** MINPACK-2's dcsrch with dcstep, from its start (f, g'd at step 0) to a step that satisfies it. */
  static final class LineSearch {
    static final double XTRAPL = 1.1;
    static final double XTRAPU = 4.0;
    boolean done;
    double stp;
    private boolean brackt;
    private int stage = 1;
    private final double finit;
    private final double ginit;
    private final double gtest;
    private double width;
    private double width1;
    private double stx;
    private double fx;
    private double gx;
    private double sty;
    private double fy;
    private double gy;
    private double stmin;
    private double stmax;

    LineSearch(double f, double g, double firstStep) {
      stp = firstStep;
      finit = f;
      ginit = g;
      gtest = FTOL * ginit;
      width = STEP_MAX;
      width1 = width / 0.5;
      stx = 0;
      fx = finit;
      gx = ginit;
      sty = 0;
      fy = finit;
      gy = ginit;
      stmin = 0;
      stmax = stp + XTRAPU * stp;
    }

    /** The next step after f and g'd at {@link #stp}; {@link #done} when {@link #stp} is accepted. */
    double next(double f, double g) {
      double ftest = finit + stp * gtest;
      if (stage == 1 && f <= ftest && g >= 0) {
        stage = 2;
      }
      boolean warn = brackt && (stp <= stmin || stp >= stmax) || brackt && stmax - stmin <= XTOL * stmax
          || stp == STEP_MAX && f <= ftest && g <= gtest || stp == 0 && (f > ftest || g >= gtest);
      if (warn || f <= ftest && Math.abs(g) <= GTOL * -ginit) {
        done = true;
        return stp;
      }
      if (stage == 1 && f <= fx && f > ftest) {
        double fm = f - stp * gtest;
        double fxm = fx - stx * gtest;
        double fym = fy - sty * gtest;
        double gm = g - gtest;
        double gxm = gx - gtest;
        double gym = gy - gtest;
        double[] st = {stx, fxm, gxm, sty, fym, gym};
        step(st, fm, gm);
        stx = st[0];
        sty = st[3];
        fx = st[1] + stx * gtest;
        fy = st[4] + sty * gtest;
        gx = st[2] + gtest;
        gy = st[5] + gtest;
      } else {
        double[] st = {stx, fx, gx, sty, fy, gy};
        step(st, f, g);
        stx = st[0];
        fx = st[1];
        gx = st[2];
        sty = st[3];
        fy = st[4];
        gy = st[5];
      }
      if (brackt) {
        if (Math.abs(sty - stx) >= 0.66 * width1) {
          stp = stx + 0.5 * (sty - stx);
        }
        width1 = width;
        width = Math.abs(sty - stx);
      }
      if (brackt) {
        stmin = Math.min(stx, sty);
        stmax = Math.max(stx, sty);
      } else {
        stmin = stp + XTRAPL * (stp - stx);
        stmax = stp + XTRAPU * (stp - stx);
      }
      stp = Math.max(stp, 0);
      stp = Math.min(stp, STEP_MAX);
      if (brackt && (stp <= stmin || stp >= stmax) || brackt && stmax - stmin <= XTOL * stmax) {
        stp = stx;
      }
      return stp;
    }

    /** dcstep: a safeguarded cubic or quadratic step; {@code st} = (stx, fx, dx, sty, fy, dy), updated. */
    private void step(double[] st, double fp, double dp) {
      double stxv = st[0];
      double fxv = st[1];
      double dx = st[2];
      double styv = st[3];
      double fyv = st[4];
      double dy = st[5];
      double sgnd = dp * (dx / Math.abs(dx));
      double stpf;
      if (fp > fxv) {
        double theta = 3 * (fxv - fp) / (stp - stxv) + dx + dp;
        double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
        double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
        if (stp < stxv) {
          gamma = -gamma;
        }
        double p = (gamma - dx) + theta;
        double q = ((gamma - dx) + gamma) + dp;
        double r = p / q;
        double stpc = stxv + r * (stp - stxv);
        double stpq = stxv + ((dx / ((fxv - fp) / (stp - stxv) + dx)) / 2) * (stp - stxv);
        stpf = Math.abs(stpc - stxv) < Math.abs(stpq - stxv) ? stpc : stpc + (stpq - stpc) / 2;
        brackt = true;
      } else if (sgnd < 0) {
        double theta = 3 * (fxv - fp) / (stp - stxv) + dx + dp;
        double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
        double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
        if (stp > stxv) {
          gamma = -gamma;
        }
        double p = (gamma - dp) + theta;
        double q = ((gamma - dp) + gamma) + dx;
        double r = p / q;
        double stpc = stp + r * (stxv - stp);
        double stpq = stp + (dp / (dp - dx)) * (stxv - stp);
        stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
        brackt = true;
      } else if (Math.abs(dp) < Math.abs(dx)) {
        double theta = 3 * (fxv - fp) / (stp - stxv) + dx + dp;
        double s = Math.max(Math.abs(theta), Math.max(Math.abs(dx), Math.abs(dp)));
        double gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
        if (stp > stxv) {
          gamma = -gamma;
        }
        double p = (gamma - dp) + theta;
        double q = (gamma + (dx - dp)) + gamma;
        double r = p / q;
        double stpc;
        if (r < 0 && gamma != 0) {
          stpc = stp + r * (stxv - stp);
        } else if (stp > stxv) {
          stpc = stmax;
        } else {
          stpc = stmin;
        }
        double stpq = stp + (dp / (dp - dx)) * (stxv - stp);
        if (brackt) {
          stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
          stpf = stp > stxv ? Math.min(stp + 0.66 * (styv - stp), stpf) : Math.max(stp + 0.66 * (styv - stp), stpf);
        } else {
          stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
          stpf = Math.min(stmax, stpf);
          stpf = Math.max(stmin, stpf);
        }
      } else {
        if (brackt) {
          double theta = 3 * (fp - fyv) / (styv - stp) + dy + dp;
          double s = Math.max(Math.abs(theta), Math.max(Math.abs(dy), Math.abs(dp)));
          double gamma = s * Math.sqrt((theta / s) * (theta / s) - (dy / s) * (dp / s));
          if (stp > styv) {
            gamma = -gamma;
          }
          double p = (gamma - dp) + theta;
          double q = ((gamma - dp) + gamma) + dy;
          double r = p / q;
          stpf = stp + r * (styv - stp);
        } else if (stp > stxv) {
          stpf = stmax;
        } else {
          stpf = stmin;
        }
      }
      if (fp > fxv) {
        st[3] = stp;
        st[4] = fp;
        st[5] = dp;
      } else {
        if (sgnd < 0) {
          st[3] = stxv;
          st[4] = fxv;
          st[5] = dx;
        }
        st[0] = stp;
        st[1] = fp;
        st[2] = dp;
      }
      stp = stpf;
    }
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }
}
