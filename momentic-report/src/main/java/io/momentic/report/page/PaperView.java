package io.momentic.report.page;

import io.momentic.report.Numbers;
import java.util.List;
import java.util.Map;

/**
 * The paper-trading operator page: the book's kill switch, each strategy's state (why, since when),
 * data freshness, positions, order counts and skipped bars, the newest orders and fills, the
 * incidents, and — when the server has a token — the actions each state allows.
 */
public record PaperView(Chrome chrome, String book, List<Strategy> strategies, List<Order> orders, List<Fill> fills,
    List<Incident> incidents, boolean actions, String message) {

  /** One strategy; {@code allowed} are the actions its state allows (pause, resume, clear, kill, retire). */
  public record Strategy(String id, String state, String reason, String since, String lastBar, String age,
      String equity, String positions, String counts, String skips, List<String> allowed) {}

  public record Order(String strategy, String clientOrderId, String bar, String order, String outcome) {}

  public record Fill(String strategy, String tradeId, String time, String instrument, String side, String quantity,
      String price, String fee) {}

  public record Incident(String id, String opened, String severity, String klass, String strategies, String impact,
      String remediation, String closed) {}

  /** The page from {@code PaperRuns.dashboard}'s document. */
  @SuppressWarnings("unchecked")
  public static PaperView of(Map<String, Object> doc, boolean actions, String message) {
    List<Strategy> strategies = ((List<Map<String, Object>>) doc.get("strategies")).stream().map(m -> {
      String state = String.valueOf(m.get("state"));
      Map<String, Object> positions = (Map<String, Object>) m.get("positions");
      Map<String, Object> skips = (Map<String, Object>) m.get("skips");
      return new Strategy(String.valueOf(m.get("id")), state, String.valueOf(m.get("reason")),
          m.get("since") == null ? "" : String.valueOf(m.get("since")),
          m.get("last_bar") == null ? "–" : String.valueOf(m.get("last_bar")),
          m.get("last_bar_age") == null ? "" : m.get("last_bar_age") + " ago",
          Numbers.fmt(m.get("equity"), Numbers.Kind.MONEY),
          positions.isEmpty() ? "flat" : String.join(", ", positions.entrySet().stream()
              .map(e -> e.getKey() + " " + Numbers.fmt(e.getValue(), Numbers.Kind.QTY)).toList()),
          m.get("orders_sent") + " / " + m.get("denied") + " / " + m.get("rejected") + " / " + m.get("unknown_outcomes"),
          String.join(", ", skips.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()),
          allowed(state));
    }).toList();
    List<Order> orders = ((List<Map<String, Object>>) doc.get("orders")).stream().map(m -> new Order(
        String.valueOf(m.get("strategy")), String.valueOf(m.get("client_order_id")), String.valueOf(m.get("bar")),
        String.valueOf(m.get("order")), String.valueOf(m.get("outcome")))).toList();
    List<Fill> fills = ((List<Map<String, Object>>) doc.get("fills")).stream().map(m -> new Fill(
        String.valueOf(m.get("strategy")), String.valueOf(m.get("trade_id")), String.valueOf(m.get("time")),
        String.valueOf(m.get("instrument")), String.valueOf(m.get("side")), Numbers.fmt(m.get("quantity"),
        Numbers.Kind.QTY), Numbers.fmt(m.get("price"), Numbers.Kind.PRICE), Numbers.fmt(m.get("fee"),
        Numbers.Kind.MONEY))).toList();
    List<Incident> incidents = ((List<Map<String, Object>>) doc.get("incidents")).stream().map(m -> new Incident(
        String.valueOf(m.get("id")), String.valueOf(m.get("opened")), String.valueOf(m.get("severity")),
        String.valueOf(m.get("class")), String.valueOf(m.get("strategies")), String.valueOf(m.get("impact")),
        String.valueOf(m.get("remediation")), m.get("closed") == null ? "open" : String.valueOf(m.get("closed"))))
        .toList();
    return new PaperView(Chrome.served("Paper trading"), String.valueOf(doc.get("book")), strategies, orders, fills,
        incidents, actions, message);
  }

  /** What an operator may do from a state (docs/RUNBOOK.md's matrix). */
  static List<String> allowed(String state) {
    return switch (state) {
      case "running" -> List.of("pause", "kill", "retire");
      case "paused" -> List.of("resume", "kill", "retire");
      case "quarantined" -> List.of("clear", "kill", "retire");
      case "killed" -> List.of("retire");
      default -> List.of();
    };
  }

  /** Actions on the book from its state. */
  public List<String> bookActions() {
    return switch (book) {
      case "active" -> List.of("reduce", "halt");
      case "reducing" -> List.of("activate", "halt");
      default -> List.of("activate");
    };
  }
}
