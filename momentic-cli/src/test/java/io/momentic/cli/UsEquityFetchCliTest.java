package io.momentic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.momentic.core.BarSeries;
import io.momentic.core.Interval;
import io.momentic.core.testing.TestBars;
import io.momentic.data.store.BarStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'momentic fetch --venue alpaca' into the store, incrementally, against a loopback fake of Alpaca's bars API. */
class UsEquityFetchCliTest {

  @TempDir Path dir;
  private HttpServer server;
  private final List<String> queries = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
    System.clearProperty("momentic.alpaca.key-id");
    System.clearProperty("momentic.alpaca.secret-key");
  }

  /** Serves the weekdays of January 2024 up to {@code lastDay}, for AAPL (100 + day) and MSFT (300 + day). */
  private String start(AtomicReference<LocalDate> lastDay) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/stocks/bars", ex -> {
      String q = ex.getRequestURI().getRawQuery();
      queries.add(q);
      Map<String, String> p = new TreeMap<>();
      for (String kv : q.split("&")) {
        p.put(kv.substring(0, kv.indexOf('=')), URLDecoder.decode(kv.substring(kv.indexOf('=') + 1),
            StandardCharsets.UTF_8));
      }
      boolean authorised = "id".equals(ex.getRequestHeaders().getFirst("APCA-API-KEY-ID"))
          && "secret".equals(ex.getRequestHeaders().getFirst("APCA-API-SECRET-KEY"));
      StringBuilder body = new StringBuilder("{\"bars\":{");
      LocalDate from = LocalDate.parse(p.get("start"));
      boolean firstSymbol = true;
      for (String s : p.get("symbols").split(",")) {
        StringBuilder bars = new StringBuilder();
        for (LocalDate d = from; !d.isAfter(lastDay.get()); d = d.plusDays(1)) {
          if (d.getDayOfWeek().getValue() <= 5) {
            double c = (s.equals("AAPL") ? 100 : 300) + d.getDayOfMonth();
            bars.append(bars.isEmpty() ? "" : ",").append("{\"t\":\"")
                .append(d.atStartOfDay(ZoneId.of("America/New_York")).toInstant()).append("\",\"o\":").append(c - 1)
                .append(",\"h\":").append(c + 1).append(",\"l\":").append(c - 2).append(",\"c\":").append(c)
                .append(",\"v\":1000}");
          }
        }
        if (!bars.isEmpty()) {
          body.append(firstSymbol ? "" : ",").append('"').append(s).append("\":[").append(bars).append(']');
          firstSymbol = false;
        }
      }
      byte[] out = (authorised ? body.append("},\"next_page_token\":null}").toString()
          : "{\"message\":\"unauthorized.\"}").getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(authorised ? 200 : 401, out.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(out);
      }
    });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Test
  void fetchesBothSymbolsInOneCall_thenOnlyWhatIsNew() throws IOException {
    AtomicReference<LocalDate> last = new AtomicReference<>(LocalDate.of(2024, 1, 12));
    String base = start(last);
    Path ws = dir.resolve("ws");
    System.setProperty("momentic.alpaca.key-id", "id");
    System.setProperty("momentic.alpaca.secret-key", "secret");
    CliTest.Run first = CliTest.run("--workspace", ws.toString(), "fetch", "--venue", "alpaca", "--symbols",
        "AAPL,MSFT", "--since", "2024-01-01", "--base-url", base);
    assertThat(first.exitCode()).as(first.err() + first.out()).isZero();
    assertThat(queries).hasSize(1); // two symbols, one call
    assertThat(first.out()).contains("added " + 2 * 10 + " bar(s) to 2 symbol(s)") // Jan 1–12: 10 weekdays
        .contains("prices: split-adjusted by Alpaca");

    last.set(LocalDate.of(2024, 1, 19));
    CliTest.Run second = CliTest.run("--workspace", ws.toString(), "fetch", "--venue", "alpaca", "--symbols",
        "AAPL,MSFT", "--base-url", base, "--json");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(queries).hasSize(2);
    assertThat(queries.get(1)).contains("start=2024-01-13"); // the day after the newest stored bar
    assertThat(second.out()).contains("\"symbol\":\"AAPL\",\"venue\":\"alpaca\",\"added\":5,\"stored\":15");
    try (BarStore store = BarStore.openReader(ws.resolve("data/store/momentic.db"))) {
      BarSeries msft = store.read("alpaca", "MSFT", Interval.D1);
      assertThat(msft.size()).isEqualTo(15);
      assertThat(msft.time(0)).isEqualTo(TestBars.day("2024-01-01"));
      assertThat(msft.close(14)).isEqualTo(319);
    }

    System.setProperty("momentic.alpaca.secret-key", "wrong");
    CliTest.Run refused = CliTest.run("--workspace", ws.toString(), "fetch", "--venue", "alpaca", "--symbols",
        "AAPL", "--base-url", base);
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.out() + refused.err()).contains("HTTP 401").contains("APCA_API_KEY_ID");
  }
}
