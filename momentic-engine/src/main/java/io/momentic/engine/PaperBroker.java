package io.momentic.engine;

import io.momentic.core.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated broker (reference {@code 002} §7.2): cash, long and short positions, fees and
 * slippage on every execution, and the ledger of fills and round trips. The backtest engine drives
 * it bar by bar; the paper-trading runtime drives the same class live. Its state can be taken as
 * a {@link PortfolioState} and restored from one (saved as {@code state/portfolio.json}).
 */
public final class PaperBroker {

  /** One symbol's holding: signed quantity, average entry price and what the trade ledger needs. */
  static final class Position {
    double quantity;
    double avgPrice;
    int entryBar;
    long entryTime;
    double entryFees;
    double lowest;
    double highest;
  }

  private final List<String> symbols;
  private final FeeModel fees;
  private final SlippageModel slippage;
  private final Position[] positions;
  private final List<Fill> fills = new ArrayList<>();
  private final List<Trade> trades = new ArrayList<>();
  private double cash;
  private long nextOrderId = 1;

  public PaperBroker(List<String> symbols, double initialCash, FeeModel fees, SlippageModel slippage) {
    Checks.notNull(symbols, "symbols");
    Checks.finite(initialCash, "initialCash");
    this.symbols = List.copyOf(symbols);
    this.fees = Checks.notNull(fees, "fees");
    this.slippage = Checks.notNull(slippage, "slippage");
    this.positions = new Position[symbols.size()];
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

  /** Signed quantity of symbol s (negative = short). */
  public double quantity(int s) {
    return positions[s].quantity;
  }

  public double averagePrice(int s) {
    return positions[s].avgPrice;
  }

  public List<Fill> fills() {
    return List.copyOf(fills);
  }

  public List<Trade> trades() {
    return List.copyOf(trades);
  }

  FeeModel fees() {
    return fees;
  }

  SlippageModel slippage() {
    return slippage;
  }

  /**
   * Executes {@code quantity} units of symbol s at {@code referencePrice} (moved against the trader
   * by the slippage model when {@code slip}); charges the fee; books the fill and, for a reduction,
   * the closed trade. A fill that crosses zero is booked as a close and an open. Returns the quantity.
   */
  public double execute(int s, Side side, double quantity, double referencePrice, boolean slip, long orderId,
      String reason, int bar, long timeMillis) {
    double price = slip ? slippage.apply(side, referencePrice) : referencePrice;
    Position p = positions[s];
    double signed = side.sign() * quantity;
    double before = p.quantity;
    if (before != 0 && Math.signum(before + signed) == -Math.signum(before) && before + signed != 0) {
      double closing = Math.abs(before);
      book(s, side, closing, price, referencePrice, orderId, reason, bar, timeMillis);
      book(s, side, quantity - closing, price, referencePrice, orderId, reason, bar, timeMillis);
    } else {
      book(s, side, quantity, price, referencePrice, orderId, reason, bar, timeMillis);
    }
    return quantity;
  }

  private void book(int s, Side side, double quantity, double price, double referencePrice, long orderId,
      String reason, int bar, long timeMillis) {
    Position p = positions[s];
    double fee = fees.fee(quantity, price);
    double slippageCost = Math.abs(price - referencePrice) * quantity;
    double before = p.quantity;
    String action;
    if (before == 0 || Math.signum(before) == side.sign()) {
      action = side == Side.BUY ? "buy" : "short_open";
      double absBefore = Math.abs(before);
      if (before == 0) {
        p.entryBar = bar;
        p.entryTime = timeMillis;
        p.entryFees = 0;
        p.lowest = price;
        p.highest = price;
      }
      p.avgPrice = (p.avgPrice * absBefore + price * quantity) / (absBefore + quantity);
      p.entryFees += fee;
      p.quantity = before + side.sign() * quantity;
    } else {
      action = side == Side.SELL ? "sell" : "short_cover";
      int dir = before > 0 ? 1 : -1;
      double absBefore = Math.abs(before);
      double entryFeePart = p.entryFees * quantity / absBefore;
      double pnl = dir * (price - p.avgPrice) * quantity - entryFeePart - fee;
      p.lowest = Math.min(p.lowest, price);
      p.highest = Math.max(p.highest, price);
      trades.add(new Trade(s, symbols.get(s), dir, quantity, p.entryBar, p.entryTime, p.avgPrice, bar, timeMillis,
          price, pnl, 100 * pnl / (p.avgPrice * quantity), entryFeePart + fee, bar - p.entryBar,
          excursion(p, dir, true), excursion(p, dir, false), false));
      p.entryFees -= entryFeePart;
      p.quantity = before + side.sign() * quantity;
      if (Math.abs(p.quantity) < 1e-12) {
        p.quantity = 0;
        p.entryFees = 0;
        p.avgPrice = 0;
      }
    }
    cash -= side.sign() * quantity * price + fee;
    fills.add(new Fill(bar, timeMillis, s, symbols.get(s), side, action, quantity, price, fee, slippageCost, orderId,
        reason));
  }

  /** The largest quantity whose cost plus fee fits in the cash (whole units when asked). */
  public double allCashQuantity(double price, boolean whole) {
    if (cash <= 0) {
      return 0;
    }
    double q = cash / price;
    for (int i = 0; i < 100; i++) {
      double cost = q * price + fees.fee(q, price);
      if (cost <= cash) {
        break;
      }
      q *= cash / cost * (1 - 1e-12);
    }
    if (whole) {
      q = Math.floor(q + 1e-9);
      while (q > 0 && q * price + fees.fee(q, price) > cash + 1e-9) {
        q -= 1;
      }
    }
    return Math.max(0, q);
  }

  /** Widens the open position's excursion range with a bar's low and high (for MAE/MFE). */
  void observeRange(int s, double low, double high) {
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
            excursion(p, dir, true), excursion(p, dir, false), true));
      }
    }
    return open;
  }

  private static double excursion(Position p, int dir, boolean adverse) {
    double worst = dir > 0 ? p.lowest : p.highest;
    double best = dir > 0 ? p.highest : p.lowest;
    double ref = adverse ? worst : best;
    return 100 * dir * (ref - p.avgPrice) / p.avgPrice;
  }

  //---------------------------------------------------------------------------
  // State

  /** The broker's state as of {@code asOfMillis}: cash, positions, and the ledger so far. */
  public PortfolioState snapshot(long asOfMillis) {
    List<PortfolioState.Holding> holdings = new ArrayList<>();
    for (int s = 0; s < positions.length; s++) {
      Position p = positions[s];
      if (p.quantity != 0) {
        holdings.add(new PortfolioState.Holding(symbols.get(s), p.quantity, p.avgPrice, p.entryTime, p.entryFees,
            p.lowest, p.highest));
      }
    }
    return new PortfolioState(PortfolioState.FORMAT_VERSION, asOfMillis, cash, holdings, fills(), trades(),
        nextOrderId);
  }

  /**
   * A broker that continues from {@code state} over {@code symbols}. Bar indexes of restored entries
   * are located with {@code barOfTime} (the bar at or before the entry time in the new data, or
   * the first bar), so bars held keep counting across sessions.
   */
  public static PaperBroker restore(PortfolioState state, List<String> symbols, FeeModel fees,
      SlippageModel slippage, java.util.function.LongToIntFunction barOfTime) {
    PaperBroker b = new PaperBroker(symbols, state.cash(), fees, slippage);
    for (PortfolioState.Holding h : state.positions()) {
      int s = symbols.indexOf(h.symbol());
      if (s < 0) {
        throw new IllegalArgumentException("Expected the data to include " + h.symbol() + ", held in the saved "
            + "portfolio, but found only " + symbols);
      }
      Position p = b.positions[s];
      p.quantity = h.quantity();
      p.avgPrice = h.averagePrice();
      p.entryTime = h.entryTimeMillis();
      p.entryBar = barOfTime.applyAsInt(h.entryTimeMillis());
      p.entryFees = h.entryFees();
      p.lowest = h.lowest();
      p.highest = h.highest();
    }
    b.nextOrderId = state.nextOrderId();
    b.fills.addAll(state.fills());
    b.trades.addAll(state.trades());
    return b;
  }
}
