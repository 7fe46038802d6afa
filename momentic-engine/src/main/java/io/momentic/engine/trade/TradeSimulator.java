package io.momentic.engine.trade;

import io.momentic.core.Checks;
import io.momentic.core.Panel;
import io.momentic.engine.account.Ledger;
import io.momentic.engine.exec.ExecutionConfig;
import io.momentic.engine.exec.FeatureValues;
import io.momentic.engine.exec.MatchingCore;
import io.momentic.engine.order.FeatureRef;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.OrderEvent;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import io.momentic.engine.order.Trail;
import java.util.List;

/**
 * Single-trade path simulation (DESIGN §2, {@code engine.trade}) on the execution core's own rules:
 * every fill — entry, stop, target, partial exit, break-even, trailing stop, time exit — is made by
 * a {@link MatchingCore} driven bar by bar over one instrument, exactly as a backtest or the paper
 * venue would make it. Nothing here decides a fill price; this class only decides, at each close,
 * what the trade's plan says to do next (decide at close t, act from bar t+1), and reads the
 * outcome off the ledger's fills.
 *
 * <p>The entry is an order with a bracket (stop-loss and target, one-cancels-other, live on the
 * entry's bar when it fills at the open). Partial: when the entry fills, a limit for
 * {@link TradePlan#PARTIAL_FRACTION} rests at 1 R; when it fills, the stop moves to the entry price
 * (Partial) or stays (Partial-NoBE). Trailing: at the first close after the trade's best price
 * reached 1 R, the stop is replaced by a trailing stop starting at break-even and trailing the close
 * by {@code trailAtrMultiple} × ATR. A trade still open after the close of its
 * {@code maxHoldBars}-th bar is closed at the next open.
 */
public final class TradeSimulator {

  /** The ATR a trailing stop's distance is a multiple of, as the core reads features. */
  private static final FeatureRef ATR = () -> "atr";

  private final Panel panel;
  private final ExecutionConfig config;
  private final FeatureValues features;
  private final List<String> symbols;

  /**
   * @param panel one instrument's bars
   * @param atr its ATR per bar (read only for Trailing trades, at closed bars)
   * @param config fees, slippage and the fill model (timing is next-open for the time exit)
   */
  public TradeSimulator(Panel panel, double[] atr, ExecutionConfig config) {
    Checks.notNull(panel, "panel");
    if (panel.symbolCount() != 1) {
      throw new IllegalArgumentException("Expected one instrument, but found " + panel.symbolCount());
    }
    if (atr.length != panel.size()) {
      throw new IllegalArgumentException("Expected an ATR per bar (" + panel.size() + "), but found " + atr.length);
    }
    this.panel = panel;
    this.config = Checks.notNull(config, "config");
    this.symbols = panel.symbols();
    this.features = new FeatureValues() {
      @Override
      public double value(FeatureRef feature, int symbol, int bar) {
        return atr[bar];
      }

      @Override
      public FeatureRef find(String name) {
        return name.equals(ATR.name()) ? ATR : null;
      }
    };
  }

  public Panel panel() {
    return panel;
  }

  /** Simulates {@code plan}, decided at the close of {@code decisionBar}. */
  public TradeOutcome simulate(int decisionBar, TradePlan plan) {
    Checks.inRange(decisionBar, 0, panel.size(), "decisionBar");
    int last = panel.size() - 1;
    if (decisionBar == last) {
      return TradeOutcome.notFilled(decisionBar, false, "end-of-data");
    }
    Ledger ledger = new Ledger(symbols, 1e12); // one unit traded: r-multiples do not depend on size
    MatchingCore core = new MatchingCore(panel, ledger, config, features);
    core.startAt(decisionBar + 1);
    int dir = plan.direction();
    Side exitSide = plan.side() == Side.BUY ? Side.SELL : Side.BUY;
    Order entry = plan.entry() == TradePlan.Entry.MARKET ? Order.market(0, plan.side(), Sizing.units(1))
        : Order.limit(0, plan.side(), Sizing.units(1), plan.limitPrice());
    entry = entry.withBracket(plan.stopPrice(), plan.takeProfitPrice());
    int expiryBar = decisionBar + 1 + plan.entryWindowBars(); // a limit lives on bars opening before this one
    if (plan.entry() == TradePlan.Entry.LIMIT && expiryBar <= last) {
      entry = entry.withExpiry(panel.time(expiryBar));
    }
    long entryId = core.at(decisionBar).submit(entry);

    int entryBar = -1;
    double entryPrice = Double.NaN;
    long stopId = -1;
    long targetId = -1;
    long partialId = -1;
    long trailId = -1;
    long timeExitId = -1;
    boolean partialDone = false;
    boolean trailing = false;
    double best = Double.NaN;
    double risk = Double.NaN;
    double realized = 0; // signed P&L per unit of the whole trade, before fees
    double fees = 0;
    double exitValue = 0; // Σ exit price × quantity, for the average exit price
    double exitQuantity = 0;
    String exit = "open";
    for (int bar = decisionBar + 1; bar <= last; bar++) {
      core.openBar(bar);
      OrderEvent e;
      while ((e = core.pollEvent()) != null) {
        if (e instanceof OrderEvent.OrderFilled f) {
          fees += f.fee();
          if (f.orderId() == entryId) {
            entryBar = bar;
            entryPrice = f.price();
            // R from the fill; a fill past the stop (a gap through it) is stopped at once, and its
            // loss is measured in the planned R.
            risk = dir * (entryPrice - plan.stopPrice()) > 0 ? Math.abs(entryPrice - plan.stopPrice())
                : plan.plannedRisk();
            stopId = f.stopLossOrderId();
            targetId = f.takeProfitOrderId();
            best = entryPrice;
          } else {
            realized += dir * (f.price() - entryPrice) * f.quantity();
            exitValue += f.price() * f.quantity();
            exitQuantity += f.quantity();
            exit = f.orderId() == stopId ? (partialDone && plan.management() == TradePlan.Management.PARTIAL
                ? "break-even" : "stop") : f.orderId() == targetId ? "target" : f.orderId() == trailId
                ? "trailing-stop" : f.orderId() == timeExitId ? "max-hold" : f.orderId() == partialId ? "partial" : exit;
            if (f.orderId() == partialId) {
              partialDone = true;
              if (plan.management() == TradePlan.Management.PARTIAL && stopId >= 0) {
                core.modify(stopId, entryPrice, Double.NaN); // break-even on the rest
              }
            }
          }
        } else if (e instanceof OrderEvent.OrderExpired x && x.orderId() == entryId) {
          return TradeOutcome.notFilled(decisionBar, true, "expired");
        }
      }
      if (entryBar < 0) {
        if (plan.entry() == TradePlan.Entry.LIMIT && expiryBar > last && bar == last) {
          return TradeOutcome.notFilled(decisionBar, false, "end-of-data");
        }
        continue;
      }
      if (core.position(0) == 0) {
        return outcome(decisionBar, entryBar, entryPrice, bar, exitValue, exitQuantity, realized, fees, risk, exit);
      }
      // The decision at the close of this bar, for the next.
      core.at(bar);
      best = dir > 0 ? Math.max(best, panel.high(0, bar)) : Math.min(best, panel.low(0, bar));
      if (plan.management() == TradePlan.Management.PARTIAL
          || plan.management() == TradePlan.Management.PARTIAL_NO_BE) {
        if (partialId < 0) {
          partialId = core.submit(Order.limit(0, exitSide, Sizing.reduceByFraction(TradePlan.PARTIAL_FRACTION),
              plan.oneRPrice()));
        }
      } else if (plan.management() == TradePlan.Management.TRAILING && !trailing
          && dir * (best - plan.oneRPrice()) >= 0) {
        core.cancel(stopId);
        trailId = core.submit(Order.trailingStop(0, exitSide, Sizing.closePosition(),
            Trail.byFeature(ATR, plan.trailAtrMultiple())).withPrices(entryPrice, Double.NaN));
        trailing = true;
      }
      if (bar - entryBar + 1 >= plan.maxHoldBars()) {
        core.cancelAll(0);
        timeExitId = core.submit(Order.market(0, exitSide, Sizing.closePosition()));
      }
      core.closeBar(bar);
    }
    // The data ended with the trade open: marked out at the last close.
    double q = Math.abs(core.position(0));
    realized += dir * (panel.close(0, last) - entryPrice) * q;
    exitValue += panel.close(0, last) * q;
    exitQuantity += q;
    return outcome(decisionBar, entryBar, entryPrice, last, exitValue, exitQuantity, realized, fees, risk,
        "end-of-data");
  }

  private static TradeOutcome outcome(int decisionBar, int entryBar, double entryPrice, int endBar, double exitValue,
      double exitQuantity, double realized, double fees, double risk, String exit) {
    double r = risk > 0 ? (realized - fees) / risk : Double.NaN;
    return new TradeOutcome(true, false, decisionBar, entryBar, entryPrice, endBar, exitValue / exitQuantity, r,
        fees, exit);
  }
}
