package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import io.momentic.workflow.regime.RegimeRuns;
import org.junit.jupiter.api.Test;

class RegimeCliTest {

  static String btc() {

    return TestBars.sharedData().resolve("trader_research/btcusdt_daily.csv").toString();

  }

  @Test
  void fit_namesTheStatesByMean_andLandsNearTheNotebook() throws Exception {
    CliTest.Run r = CliTest.run("regime", "fit", "--data", btc(), "--states", "3", "--family", "gaussian", "--json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode d = new ObjectMapper().readTree(r.out());
    assertThat(d.get("observations").asInt()).isEqualTo(759); // 760 rows, the first dropped
    assertThat(d.get("first_date").asText()).isEqualTo("2021-06-02");
    double[] mu = {-1.21, -0.69, -0.13};
    String[] names = {"bear", "ranging", "bull"};
    for (int s = 0; s < 3; s++) {
      JsonNode st = d.get("state_params").get(s);
      assertThat(st.get("name").asText()).isEqualTo(names[s]);
      assertThat(st.get("mean").asDouble()).isCloseTo(mu[s], within(0.03));
    }
    // BIC = k·ln T − 2·LL with k = (K−1) + K(K−1) + 2K = 14 for K = 3.
    assertThat(d.get("bic").asDouble()).isCloseTo(14 * Math.log(759) - 2 * d.get("log_likelihood").asDouble(),
        within(1e-9));
    double sum = 0;
    for (JsonNode p : d.get("filtered_posterior_last")) {
      sum += p.asDouble();
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
    // Spec §5: the drawdown notebook's K=3 Gaussian has a 2022 bear median of 1.00 and one Viterbi change in 2022.
    JsonNode pass = d.get("pass_2022");
    assertThat(pass.get("gaussian").get("median_bear_posterior").asDouble()).isGreaterThanOrEqualTo(0.995);
    assertThat(pass.get("gaussian").get("viterbi_changes").asInt()).isEqualTo(1);
    assertThat(pass.get("gaussian_passes_crit1_and_crit2").asBoolean()).isTrue();
    CliTest.Run text = CliTest.run("regime", "fit", "--data", btc(), "--family", "student_t");
    assertThat(text.out()).contains("2022 pass criterion (Student-t against the Gaussian at K=3")
        .contains("crit1 median bear posterior").contains("Verdict: " + pass.get("verdict").asText());
  }

  @Test
  void badSettings_exitTwo() {
    assertThat(CliTest.run("regime", "fit", "--data", btc(), "--states", "7").exitCode()).isEqualTo(2);
    assertThat(CliTest.run("regime", "fit", "--data", btc(), "--feature", "rsi").exitCode()).isEqualTo(2);
  }

  @Test
  void observations_followSpecSection42() {
    // ln close = 0, 1, 0.5, 2: running-max drawdown 0, −0.5, 0 (first row dropped); returns 1, −0.5, 1.5.
    double[] close = {1, Math.exp(1), Math.exp(0.5), Math.exp(2)};
    double[][] dd = RegimeRuns.observations(close, "drawdown");
    assertThat(dd[0]).containsExactly(1, 2, 3);
    assertThat(dd[1]).containsExactly(new double[] {0, -0.5, 0}, within(1e-12));
    assertThat(RegimeRuns.observations(close, "return")[1]).containsExactly(new double[] {1, -0.5, 1.5},
        within(1e-12));
    // Rolling 200: ln close = t up to 150, then 300 − t; the window's peak is 150 at t = 150, so
    // t = 199 gives 101 − 150 and t = 200 gives 100 − 150; nothing before row 199.
    double[] up = new double[201];
    for (int t = 0; t < up.length; t++) {
      up[t] = Math.exp(t <= 150 ? t : 300 - t);
    }
    double[][] rolling = RegimeRuns.observations(up, "drawdown_200");
    assertThat(rolling[0]).containsExactly(199, 200);
    assertThat(rolling[1]).containsExactly(new double[] {-49, -50}, within(1e-9));
    // The earlier spelling still works and means the same.
    assertThat(RegimeRuns.observations(up, "drawdown200")[1]).containsExactly(rolling[1]);
  }
}
