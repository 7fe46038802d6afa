package io.momentic.strategies.gem;

import io.momentic.core.ConfigException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GEM walk (spec §1.4–1.5) with the reference's own cash-and-quantity accounting: each day
 * fit every token on its window up to that day, decide whether to rebalance (day 0, then outside
 * the cooldown when the signal check fires), build the portfolio and trade toward it.
 *
 * <p>Two timings. {@link Timing#SAME_CLOSE} is the reference's: decide and fill at the same close.
 * {@link Timing#NEXT_OPEN} is Momentic's default: decide at the close, trade at the next day's
 * open (same accounting, open prices), so the difference between the two is the timing alone.
 */
public final class GemBacktest {

  /** When a decision taken at day d's close is filled. */
  public enum Timing {
    SAME_CLOSE, NEXT_OPEN;

    public static Timing parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "same-close", "close" -> SAME_CLOSE;
        case "next-open" -> NEXT_OPEN;
        default -> throw new ConfigException("timing", "expected same-close or next-open, found '" + text + "'");
      };
    }

    public String code() {
      return this == SAME_CLOSE ? "same-close" : "next-open";
    }
  }

  /**
   * A finished walk: the value after each day's trades (one per calendar day), the market value
   * of each position at the last snapshot (token → value), the rebalance decision days with the
   * targets decided on each, and each token's momentum per day ({@code momentum[token][day]}, NaN
   * where it had no fit) — what the look-ahead audit compares on truncated histories.
   */
  public record Result(long[] calendar, double[] values, Map<String, Double> finalPositions, double finalCash,
      int rebalanceCount, List<Integer> rebalanceDays, List<List<GemPortfolio.Target>> rebalanceTargets,
      double[][] momentum) {}

  private static final class Holding {
    double quantity;
    final double entryPrice;

    Holding(double quantity, double entryPrice) {
      this.quantity = quantity;
      this.entryPrice = entryPrice;
    }
  }

  private final GemData data;
  private final GemParams params;
  private final GemFit.Model model;
  private final Timing timing;
  private double cash;
  /** Insertion order matters: the sell pass walks the holdings in the order they were bought. */
  private final LinkedHashMap<Integer, Holding> holdings = new LinkedHashMap<>();

  private GemBacktest(GemData data, GemParams params, GemFit.Model model, Timing timing) {
    this.data = data;
    this.params = params;
    this.model = model;
    this.timing = timing;
    this.cash = params.initialCapital();
  }

  public static Result run(GemData data, GemParams params, GemFit.Model model, Timing timing) {
    return new GemBacktest(data, params, model, timing).walk();
  }

  private Result walk() {
    int tokens = data.tokens().size();
    long[] calendar = data.calendar();
    int days = calendar.length;
    int[] end = new int[tokens]; // candles with time ≤ today, per token
    double[] price = new double[tokens];
    double[] values = new double[days];
    List<Integer> rebalanceDays = new ArrayList<>();
    List<List<GemPortfolio.Target>> rebalanceTargets = new ArrayList<>();
    double[][] momentum = new double[tokens][days];
    for (double[] m : momentum) {
      Arrays.fill(m, Double.NaN);
    }
    int lastRebalance = -1;
    List<GemPortfolio.Target> pending = null;
    for (int d = 0; d < days; d++) {
      long today = calendar[d];
      for (int k = 0; k < tokens; k++) {
        GemData.Candles c = data.candles().get(k);
        while (end[k] < c.size() && c.time()[end[k]] <= today) {
          end[k]++;
        }
      }
      if (pending != null) {
        // Next-open timing: yesterday's decision trades at today's open.
        for (int k = 0; k < tokens; k++) {
          GemData.Candles c = data.candles().get(k);
          price[k] = end[k] > 0 && c.time()[end[k] - 1] == today ? c.open()[end[k] - 1] : Double.NaN;
        }
        rebalanceTo(pending, price);
        pending = null;
      }
      for (int k = 0; k < tokens; k++) {
        GemData.Candles c = data.candles().get(k);
        price[k] = end[k] > 0 && c.time()[end[k] - 1] == today ? c.close()[end[k] - 1] : Double.NaN;
      }
      List<GemFit.Position> fits = new ArrayList<>();
      for (int k = 0; k < tokens; k++) {
        GemData.Candles c = data.candles().get(k);
        int from = params.fitWindow() > 0 ? Math.max(0, end[k] - params.fitWindow()) : 0;
        if (end[k] - from >= 2) {
          GemFit.Position f = GemFit.fit(model, k, c.high(), c.low(), c.close(), from, end[k], params.atrWindow(),
              params.r2Exponent());
          if (f != null) {
            fits.add(f);
            momentum[k][d] = f.momentum();
          }
        }
      }
      boolean rebalance;
      if (d == 0) {
        rebalance = true;
      } else if (lastRebalance >= 0 && params.rebalanceCooldown() > 0 && d - lastRebalance < params.rebalanceCooldown()) {
        rebalance = false;
      } else {
        rebalance = signal(fits);
      }
      if (rebalance) {
        List<GemPortfolio.Target> targets = GemPortfolio.build(fits, params);
        if (timing == Timing.SAME_CLOSE) {
          rebalanceTo(targets, price);
        } else {
          pending = targets;
        }
        rebalanceDays.add(d);
        rebalanceTargets.add(List.copyOf(targets));
        lastRebalance = d;
      }
      values[d] = totalValue(price);
    }
    Map<String, Double> positions = new LinkedHashMap<>();
    for (Map.Entry<Integer, Holding> e : holdings.entrySet()) {
      positions.put(data.tokens().get(e.getKey()), e.getValue().quantity * priceOrEntry(price, e.getKey()));
    }
    return new Result(calendar.clone(), values, positions, cash, rebalanceDays.size(), List.copyOf(rebalanceDays),
        List.copyOf(rebalanceTargets), momentum);
  }

  /** Trigger: an unheld token with momentum > 0, or a held one with momentum < 0 (NaN never triggers). */
  private boolean signal(List<GemFit.Position> fits) {
    for (GemFit.Position f : fits) {
      boolean held = holdings.containsKey(f.token());
      if ((!held && f.momentum() > 0) || (held && f.momentum() < 0)) {
        return true;
      }
    }
    return false;
  }

  private double priceOrEntry(double[] price, int token) {
    double p = price[token];
    return p == p ? p : holdings.get(token).entryPrice;
  }

  private double totalValue(double[] price) {
    double v = cash;
    for (Map.Entry<Integer, Holding> e : holdings.entrySet()) {
      v += e.getValue().quantity * priceOrEntry(price, e.getKey());
    }
    return v;
  }

  /** {@code rebalance_to_targets} (spec §1.5). */
  private void rebalanceTo(List<GemPortfolio.Target> targets, double[] price) {
    double fee = params.feeRate();
    double total = totalValue(price);
    double minTrade = 0.001 * total;
    double[] weight = new double[data.tokens().size()];
    for (GemPortfolio.Target t : targets) {
      weight[t.token()] = t.weight();
    }
    for (Integer token : new ArrayList<>(holdings.keySet())) {
      Holding h = holdings.get(token);
      double p = priceOrEntry(price, token);
      double current = h.quantity * p;
      double target = weight[token] * total;
      if (current - target > minTrade) {
        double quantity = (current - target) / p;
        cash += quantity * p * (1 - fee);
        h.quantity -= quantity;
        if (h.quantity <= 1e-12) {
          holdings.remove(token);
        }
      }
    }
    double after = totalValue(price);
    for (GemPortfolio.Target t : targets) {
      double p = price[t.token()];
      if (p != p) {
        continue; // a stale token cannot be bought: its weight stays in cash
      }
      Holding h = holdings.get(t.token());
      double current = h == null ? 0 : h.quantity * p;
      double need = after * t.weight() - current;
      if (need > minTrade) {
        double amount = Math.min(need, cash);
        if (amount > 0) {
          cash -= amount;
          double quantity = amount * (1 - fee) / p;
          if (h == null) {
            holdings.put(t.token(), new Holding(quantity, p));
          } else {
            h.quantity += quantity;
          }
        }
      }
    }
  }

  /**
   * The notebook's equal-weight buy-and-hold: on day 0 buy every token with a price for
   * {@code capital/k} each (fee included), then hold; stale tokens are valued at their entry price.
   */
  public static Result buyAndHold(GemData data, double feeRate, double capital) {
    int tokens = data.tokens().size();
    long[] calendar = data.calendar();
    double[] quantity = new double[tokens];
    double[] entry = new double[tokens];
    Arrays.fill(entry, Double.NaN);
    double cash = capital;
    int[] end = new int[tokens];
    double[] values = new double[calendar.length];
    double[] last = new double[tokens];
    for (int d = 0; d < calendar.length; d++) {
      long today = calendar[d];
      for (int k = 0; k < tokens; k++) {
        GemData.Candles c = data.candles().get(k);
        while (end[k] < c.size() && c.time()[end[k]] <= today) {
          end[k]++;
        }
        last[k] = end[k] > 0 && c.time()[end[k] - 1] == today ? c.close()[end[k] - 1] : Double.NaN;
      }
      if (d == 0) {
        int k0 = 0;
        for (int k = 0; k < tokens; k++) {
          k0 += last[k] == last[k] ? 1 : 0;
        }
        for (int k = 0; k < tokens && k0 > 0; k++) {
          if (last[k] == last[k]) {
            double amount = capital / k0;
            cash -= amount;
            quantity[k] = amount * (1 - feeRate) / last[k];
            entry[k] = last[k];
          }
        }
      }
      double v = cash;
      for (int k = 0; k < tokens; k++) {
        if (quantity[k] > 0) {
          v += quantity[k] * (last[k] == last[k] ? last[k] : entry[k]);
        }
      }
      values[d] = v;
    }
    Map<String, Double> positions = new LinkedHashMap<>();
    for (int k = 0; k < tokens; k++) {
      if (quantity[k] > 0) {
        positions.put(data.tokens().get(k), quantity[k] * (last[k] == last[k] ? last[k] : entry[k]));
      }
    }
    return new Result(calendar.clone(), values, positions, cash, 0, List.of(), List.of(), new double[0][]);
  }
}
