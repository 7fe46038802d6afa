package io.momentic.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.testing.TestBars;
import org.junit.jupiter.api.Test;

class RegimeCliTest {

  static final String BTC = TestBars.sharedData().resolve("trader_research/btcusdt_daily.csv").toString();

  @Test
  void fit_namesTheStatesByMean_andLandsNearTheNotebook() throws Exception {
    CliTest.Run r = CliTest.run("regime", "fit", "--data", BTC, "--states", "3", "--family", "gaussian", "--json");
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
  }

  @Test
  void badSettings_exitTwo() {
    assertThat(CliTest.run("regime", "fit", "--data", BTC, "--states", "7").exitCode()).isEqualTo(2);
    assertThat(CliTest.run("regime", "fit", "--data", BTC, "--feature", "rsi").exitCode()).isEqualTo(2);
  }
}
