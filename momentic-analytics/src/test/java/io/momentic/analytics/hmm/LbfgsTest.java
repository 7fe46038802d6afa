package io.momentic.analytics.hmm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The port against scipy 1.10.1's {@code minimize(rosen, x0, jac=rosen_der, method="L-BFGS-B",
 * options={"maxiter": m})}, run once (Debian's python3-scipy): where it stands after 5 and 15
 * iterations, how many function evaluations it took, and where it stops on its own. Agreement
 * along the path, not only at the optimum, is what makes the softmax M-step the reference's.
 */
class LbfgsTest {

  /** Rosenbrock's function in n dimensions, counting its calls. */
  static final class Rosenbrock implements Lbfgs.Objective {
    int calls;

    @Override
    public double evaluate(double[] x, double[] g) {
      calls++;
      double f = 0;
      java.util.Arrays.fill(g, 0);
      for (int i = 0; i + 1 < x.length; i++) {
        double a = x[i + 1] - x[i] * x[i];
        double b = 1 - x[i];
        f += 100 * a * a + b * b;
        g[i] += -400 * x[i] * a - 2 * b;
        g[i + 1] += 200 * a;
      }
      return f;
    }
  }

  @Test
  void followsScipysPath_onRosenbrock() {
    Rosenbrock f5 = new Rosenbrock();
    double[] x5 = Lbfgs.minimize(f5, new double[] {-1.2, 1.0}, 5);
    assertThat(x5[0]).isCloseTo(-1.021385160033696, within(1e-12));
    assertThat(x5[1]).isCloseTo(1.0392943881350645, within(1e-12));
    assertThat(f5.calls).isEqualTo(7);
    Rosenbrock f15 = new Rosenbrock();
    double[] x15 = Lbfgs.minimize(f15, new double[] {-1.2, 1.0}, 15);
    assertThat(x15[0]).isCloseTo(-0.025726273394690545, within(1e-10));
    assertThat(x15[1]).isCloseTo(-0.02001280411781792, within(1e-10));
    assertThat(f15.calls).isEqualTo(20);
    // On its own it stops by the relative reduction of f after 36 iterations and 44 evaluations.
    Rosenbrock all = new Rosenbrock();
    double[] x = Lbfgs.minimize(all, new double[] {-1.2, 1.0}, 1000);
    assertThat(x[0]).isCloseTo(0.9999989453492764, within(1e-9));
    assertThat(x[1]).isCloseTo(0.9999980209057228, within(1e-9));
    assertThat(all.calls).isEqualTo(44);
  }

  @Test
  void followsScipysPath_inFiveDimensions() {
    Rosenbrock f = new Rosenbrock();
    double[] x = Lbfgs.minimize(f, new double[] {1.3, 0.7, 0.8, 1.9, 1.2}, 1000);
    double[] scipy = {1.0000001063151185, 1.0000002130794126, 1.0000004591484999, 1.0000009075913046,
        1.0000018449804886};
    for (int i = 0; i < 5; i++) {
      assertThat(x[i]).as("x[%d]", i).isCloseTo(scipy[i], within(1e-9));
    }
    assertThat(f.calls).isEqualTo(26);
  }
}
