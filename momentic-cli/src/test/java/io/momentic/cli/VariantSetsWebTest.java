package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.data.Workspace;
import io.momentic.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A variants comparison is one group of the runs notebook: each of its runs says so, and the set compares whole. */
class VariantSetsWebTest {

  @TempDir
  Path dir;

  @Test
  void theRunsOfAVariantsFile_areGroupedAsOneSet() throws Exception {
    assertThat(CliTest.run("--workspace", dir.toString(), "generate", "--symbols", "1", "--bars", "600", "--seed", "4")
        .exitCode()).isZero();
    Path variants = dir.resolve("variants.toml");
    Files.writeString(variants, """
        [[variant]]
        name = "quick"
        params = { fast = 5 }

        [[variant]]
        name = "slow"
        params = { fast = 15 }
        """);
    CliTest.Run run = CliTest.run("--workspace", dir.toString(), "backtest", "--data",
        dir.resolve("data/raw/SYN01.csv").toString(), "--strategy", "sma-cross", "--param", "slow=40", "--variants",
        variants.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    // The comparison's own file says which run is which variant.
    Path csv;
    try (var files = Files.list(dir.resolve("data/results"))) {
      csv = files.filter(f -> f.getFileName().toString().startsWith("variants-")).findFirst().orElseThrow();
    }
    String setId = csv.getFileName().toString().replace(".csv", "");
    List<String> lines = Files.readAllLines(csv);
    List<String> header = List.of(lines.get(0).split(","));
    java.util.Map<String, String> variantOf = new java.util.HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      variantOf.put(f[header.indexOf("run_id")], f[header.indexOf("variant")]);
    }
    assertThat(variantOf.values()).containsExactlyInAnyOrder("base", "quick", "slow");

    try (WebServer server = WebServer.start(Workspace.at(dir), "127.0.0.1", 0, null)) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port();
      JsonNode runs = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs"))
          .build(), HttpResponse.BodyHandlers.ofString()).body());
      assertThat(runs).hasSize(3);
      List<String> ids = new ArrayList<>();
      for (JsonNode r : runs) {
        ids.add(r.get("id").asText());
        assertThat(r.get("variant_set").asText()).isEqualTo(setId);
        assertThat(r.get("variant").asText()).isEqualTo(variantOf.get(r.get("id").asText()));
      }
      String page = http.send(HttpRequest.newBuilder(URI.create(base + "/runs")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(page).contains("id=\"variant-sets\"", "<b>" + setId + "</b>", "quick of " + setId);
      String link = page.substring(page.indexOf("class=\"compare-set\" href=\"") + 26);
      link = link.substring(0, link.indexOf('"'));
      assertThat(List.of(link.substring(link.indexOf('=') + 1).split(","))).containsExactlyInAnyOrderElementsOf(ids);
      HttpResponse<String> compared = http.send(HttpRequest.newBuilder(URI.create(base + link)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(compared.statusCode()).isEqualTo(200);
      assertThat(compared.body()).contains(ids.get(0), ids.get(1), ids.get(2));
    }
  }
}
