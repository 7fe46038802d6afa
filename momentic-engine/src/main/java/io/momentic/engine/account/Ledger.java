package io.momentic.engine.account;

import io.momentic.core.Checks;
import io.momentic.engine.order.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongToIntFunction;

/**
 * The books of one account (reference {@code 002} §7.2): cash, long and short positions, and the
 * ledger of fills and round trips with their MAE/MFE. It only books what the execution core
 * decided — prices, fees and quantities arrive computed — so the backtest and the paper venue
 * share it unchanged. Its state can be taken as a {@link PortfolioState} and restored from one.
 */
public final class Ledger {

  /** One symbol's holding: signed quantity, average entry price and what the trade ledger needs. */
  static final class Position {
    double quantity;
    double avgPrice;
    int entryBar;
    long entryTime;
    double entryFees;
    double entrySlippage;
    double lowest;
    double highest;
  }

  private final List<String> symbols;
  private final Position[] positions;
  /** The symbols with a non-zero quantity, ascending (the first {@link #heldCount}). */
  private final int[] held;
  private int heldCount;
  private final List<Fill> fills = new ArrayList<>();
  private final List<Trade> trades = new ArrayList<>();
  private List<Fill> fillsView;
  private List<Trade> tradesView;
  private double cash;
  private long nextOrderId = 1;
  private String stoppedReason;

  public Ledger(List<String> symbols, double initialCash) {
    Checks.notNull(symbols, "symbols");
    Checks.finite(initialCash, "initialCash");
    this.symbols = List.copyOf(symbols);
    this.positions = new Position[symbols.size()];
    this.held = new int[symbols.size()];
    for (int s = 0; s < positions.length; s++) {
      positions[s] = new Position();
    }
    this.cash = initialCash;
  }

  /** A new order id, unique within this portfolio across sessions. */
  public long newOrderId() {
    return nextOrderId++;
  }

  public double cash() {
    return cash;
  }

  public int symbolCount() {
    return positions.length;
  }

  public String symbol(int s) {
    return symbols.get(s);
  }

  /** Signed quantity of symbol s (negative = short). */
  public double quantity(int s) {
    return positions[s].quantity;
  }

  /**
   * How many symbols have a position; {@link #heldSymbol}(0 … count − 1) are their indexes in
   * ascending order. A sum over the positions walks these instead of every symbol — the same
   * terms in the same order, so the same sum to the last bit — which on a 500-name panel holding
   * 20 is 25 times fewer steps.
   */
  public int heldCount() {
    return heldCount;
  }

  public int heldSymbol(int i) {
    return held[i];
  }

  /** Keeps {@link #held} in step with symbol s's quantity going to or from zero. */
  private void track(int s, double before, double after) {
    if (before == 0 && after != 0) {
      int i = heldCount++;
      while (i > 0 && held[i - 1] > s) {
        held[i] = held[i - 1];
        i--;
      }
      held[i] = s;
    } else if (before != 0 && after == 0) {
      int i = 0;
      while (held[i] != s) {
        i++;
      }
      System.arraycopy(held, i + 1, held, i, heldCount - i - 1);
      heldCount--;
    }
  }

  public double averagePrice(int s) {
    return positions[s].avgPrice;
  }

  /** The fills so far (an immutable copy, made once per change). */
  public List<Fill> fills() {
    if (fillsView == null) {
      fillsView = List.copyOf(fills);
    }
    return fillsView;
  }

  /** The closed trades so far (an immutable copy, made once per change). */
  public List<Trade> trades() {
    if (tradesView == null) {
      tradesView = List.copyOf(trades);
    }
    return tradesView;
  }

  /** How many fills are booked (without copying them). */
  public int fillCount() {
    return fills.size();
  }

  /** Whether trading has stopped (the equity reached zero); every later order is rejected. */
  public boolean tradingStopped() {
    return stoppedReason != null;
  }

  /** Why trading stopped, or null. */
  public String stoppedReason() {
    return stoppedReason;
  }

  /** Stops trading for good, with the reason recorded in the saved state. */
  public void stopTrading(String reason) {
    if (stoppedReason == null) {
      stoppedReason = Checks.notBlank(reason, "reason");
    }
  }

  /**
   * Books {@code quantity} units of symbol s bought or sold at {@code price} (already moved by
   * slippage from {@code referencePrice}) with commission {@code fee}: cash, position and fill;
   * for a reduction, the closed trade. The caller splits a fill that crosses zero into a close
   * and an open. Returns the fill.
   */
  public Fill book(int s, Side side, double quantity, double price, double referencePrice, double fee, long orderId,
      String reason, int bar, long timeMillis) {
    Position p = positions[s];
    double slippageCost = Math.abs(price - referencePrice) * quantity;
    double before = p.quantity;
    String action;
    if (before == 0 || Math.signum(before) == side.sign()) {
      action = side == Side.BUY ? "buy" : "short_open";
      if (before == 0) {
        p.entryBar = bar;
        p.entryTime = timeMillis;
        p.entryFees = 0;
        p.entrySlippage = 0;
        p.lowest = price;
        p.highest = price;
        p.avgPrice = price; // exactly the fill price: no (0·avg + price·q)/q rounding
      } else {
        double absBefore = Math.abs(before);
        p.avgPrice = (p.avgPrice * absBefore + price * quantity) / (absBefore + quantity);
      }
      p.entryFees += fee;
      p.entrySlippage += slippageCost;
      p.quantity = before + side.sign() * quantity;
    } else {
      if (quantity > Math.abs(before) * (1 + 1e-12)) {
        throw new IllegalStateException("Expected a reduction of at most " + Math.abs(before) + " units of "
            + symbols.get(s) + ", but found " + quantity + "; a fill that crosses zero is booked in two parts");
      }
      action = side == Side.SELL ? "sell" : "short_cover";
      int dir = before > 0 ? 1 : -1;
      double absBefore = Math.abs(before);
      double entryFeePart = p.entryFees * quantity / absBefore;
      double entrySlippagePart = p.entrySlippage * quantity / absBefore;
      double pnl = dir * (price - p.avgPrice) * quantity - entryFeePart - fee;
      p.lowest = Math.min(p.lowest, price);
      p.highest = Math.max(p.highest, price);
      trades.add(new Trade(s, symbols.get(s), dir, quantity, p.entryBar, p.entryTime, p.avgPrice, bar, timeMillis,
          price, pnl, 100 * pnl / (p.avgPrice * quantity), entryFeePart + fee, bar - p.entryBar,
          excursion(p, dir, true), excursion(p, dir, false), false, entrySlippagePart + slippageCost));
      tradesView = null;
      p.entryFees -= entryFeePart;
      p.entrySlippage -= entrySlippagePart;
      p.quantity = before + side.sign() * quantity;
      if (Math.abs(p.quantity) < 1e-12) {
        p.quantity = 0;
        p.entryFees = 0;
        p.entrySlippage = 0;
        p.avgPrice = 0;
      }
    }
    track(s, before, p.quantity);
    cash -= side.sign() * quantity * price + fee;
    Fill fill = new Fill(bar, timeMillis, s, symbols.get(s), side, action, quantity, price, fee, slippageCost, orderId,
        reason);
    fills.add(fill);
    fillsView = null;
    return fill;
  }

  /** Widens the open position's excursion range with a bar's low and high (for MAE/MFE). */
  public void observeRange(int s, double low, double high) {
    Position p = positions[s];
    // Plain comparisons: a bar without prices (NaN) compares false and changes nothing.
    if (low < p.lowest) {
      p.lowest = low;
    }
    if (high > p.highest) {
      p.highest = high;
    }
  }

  /** Positions still open, marked at {@code marks[s]}, as open trades as of bar {@code lastBar}. */
  public List<Trade> openTrades(double[] marks, int lastBar) {
    List<Trade> open = new ArrayList<>();
    for (int s = 0; s < positions.length; s++) {
      Position p = positions[s];
      if (p.quantity != 0) {
        int dir = p.quantity > 0 ? 1 : -1;
        double q = Math.abs(p.quantity);
        double pnl = dir * (marks[s] - p.avgPrice) * q - p.entryFees;
        open.add(new Trade(s, symbols.get(s), dir, q, p.entryBar, p.entryTime, p.avgPrice, -1, Long.MIN_VALUE,
            Double.NaN, pnl, 100 * pnl / (p.avgPrice * q), p.entryFees, lastBar - p.entryBar,
            excursion(p, dir, true), excursion(p, dir, false), true, p.entrySlippage));
      }
    }
    return open;
  }

  /** Entry fees already paid on positions still open (part of the run's fees, not yet of any trade). */
  public double openEntryFees() {
    double sum = 0;
    for (Position p : positions) {
      sum += p.entryFees;
    }
    return sum;
  }

  private static double excursion(Position p, int dir, boolean adverse) {
    double worst = dir > 0 ? p.lowest : p.highest;
    double best = dir > 0 ? p.highest : p.lowest;
    double ref = adverse ? worst : best;
    return 100 * dir * (ref - p.avgPrice) / p.avgPrice;
  }

  //---------------------------------------------------------------------------
  // State

  /**
   * The ledger's state as of {@code asOfMillis}: cash, positions, the ledger so far and the
   * working orders and pending target weights the execution core hands in (empty for none).
   */
  public PortfolioState snapshot(long asOfMillis, List<PortfolioState.SavedOrder> workingOrders,
      java.util.Map<String, Double> pendingTargets) {
    List<PortfolioState.Holding> holdings = new ArrayList<>();
    for (int s = 0; s < positions.length; s++) {
      Position p = positions[s];
      if (p.quantity != 0) {
        holdings.add(new PortfolioState.Holding(symbols.get(s), p.quantity, p.avgPrice, p.entryTime, p.entryFees,
            p.lowest, p.highest, p.entrySlippage));
      }
    }
    return new PortfolioState(PortfolioState.FORMAT_VERSION, asOfMillis, cash, holdings, fills(), trades(),
        nextOrderId, workingOrders, pendingTargets, stoppedReason);
  }

  /**
   * A ledger that continues from {@code state} over {@code symbols}. Bar indexes of restored entries
   * are located with {@code barOfTime} (the bar at or before the entry time in the new data, or
   * the first bar), so bars held keep counting across sessions.
   */
  public static Ledger restore(PortfolioState state, List<String> symbols, LongToIntFunction barOfTime) {
    Ledger b = new Ledger(symbols, state.cash());
    for (PortfolioState.Holding h : state.positions()) {
      int s = symbols.indexOf(h.symbol());
      if (s < 0) {
        throw new IllegalArgumentException("Expected the data to include " + h.symbol() + ", held in the saved "
            + "portfolio, but found only " + symbols);
      }
      Position p = b.positions[s];
      b.track(s, p.quantity, h.quantity());
      p.quantity = h.quantity();
      p.avgPrice = h.averagePrice();
      p.entryTime = h.entryTimeMillis();
      p.entryBar = barOfTime.applyAsInt(h.entryTimeMillis());
      p.entryFees = h.entryFees();
      p.entrySlippage = h.entrySlippage();
      p.lowest = h.lowest();
      p.highest = h.highest();
    }
    b.nextOrderId = state.nextOrderId();
    b.fills.addAll(state.fills());
    b.trades.addAll(state.trades());
    b.fillsView = null;
    b.tradesView = null;
    b.stoppedReason = state.tradingStopped();
    return b;
  }
}
