package io.momentic.paper.runtime;

import io.momentic.engine.Decision;
import io.momentic.engine.order.Order;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An intent in words, as the journal records it: one description for the runtime's journal entries
 * and for the backtest's decisions it is compared with, so "the same decision" means the same text.
 * Ids are left out (the backtest numbers its orders differently); a cancel or modify names its
 * target separately.
 */
final class IntentText {

  private IntentText() {}

  static Map<String, Object> describe(Decision.Intent intent, List<String> symbols) {
    Map<String, Object> p = new TreeMap<>();
    switch (intent) {
      case Decision.Submit s -> describe(p, s.order(), symbols);
      case Decision.Cancel c -> p.put("command", "cancel");
      case Decision.Modify m -> {
        p.put("command", "modify");
        p.put("stop", finite(m.stopPrice()));
        p.put("limit", finite(m.limitPrice()));
      }
      case Decision.CancelAll c -> {
        p.put("command", "cancel-all");
        p.put("symbol", symbols.get(c.symbol()));
      }
      case Decision.TargetWeight w -> {
        p.put("command", "rebalance");
        p.put("symbol", symbols.get(w.symbol()));
        p.put("weight", w.weight());
      }
      case Decision.CloseDelisted d -> {
        p.put("command", "close-delisted");
        p.put("symbol", symbols.get(d.symbol()));
      }
    }
    return p;
  }

  static Map<String, Object> describe(Order o, List<String> symbols) {
    Map<String, Object> p = new TreeMap<>();
    describe(p, o, symbols);
    return p;
  }

  private static void describe(Map<String, Object> p, Order o, List<String> symbols) {
    p.put("command", "place");
    p.put("symbol", symbols.get(o.symbol()));
    p.put("side", o.side().name());
    p.put("type", o.type().name());
    p.put("sizing", o.sizing().toString());
    p.put("limit", finite(o.limitPrice()));
    p.put("stop", finite(o.stopPrice()));
    p.put("stop_loss", finite(o.stopLoss()));
    p.put("take_profit", finite(o.takeProfit()));
    p.put("trail", o.trail() == null ? null : o.trail().kind() + " " + o.trail().amount()
        + (o.trail().feature() == null ? "" : " x " + o.trail().feature().name()));
    p.put("time_in_force", o.timeInForce().name());
    p.put("tag", o.tag());
  }

  /** The decision without its ids or targets: what two runs must agree on. */
  static String signature(Map<String, Object> payload) {
    Map<String, Object> p = new TreeMap<>(payload);
    p.remove("target");
    return p.toString();
  }

  static Object finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
