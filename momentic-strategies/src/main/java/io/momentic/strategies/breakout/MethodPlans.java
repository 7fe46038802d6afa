package io.momentic.strategies.breakout;

import io.momentic.engine.trade.TradePlan;
import java.util.Optional;

/**
 * The one place a method and a signal candle become prices — entry, stop, 1 R, target — for the
 * analogs the methods are tested on and for the candidate cards (and, later, the AI prompt) alike.
 *
 * <p>Everything is anchored at the signal candle's close P and body B = |close − open|, for a long
 * (a short mirrors): Aggressive enters at the next open (planned at P); Standard rests a limit at
 * {@code P − 0.25 B} (a shallow pullback into the body), Sniper at {@code P − 0.5 B} (mid-body), each
 * for {@value #ENTRY_WINDOW_BARS} bars. The stop is anchored at the candle too: Fixed
 * {@code P × (1 − 1.5 %)}, ATR {@code P − 1 × ATR}. A zone whose entry is not above its stop is
 * <em>invalid</em> for that candle — on a big body the deep zones fall below the stop — and is
 * excluded, never "fixed" by widening the stop (reference 001: that would change the strategy).
 * R = entry − stop; target = entry + k R; 1 R = entry + R.
 */
public final class MethodPlans {

  /** Reference 001's fixed stop width. */
  public static final double FIXED_SL = 0.015;
  /** The ATR stop's width in ATRs. */
  public static final double ATR_SL_MULTIPLE = 1.0;
  public static final double STANDARD_RETRACE = 0.25;
  public static final double SNIPER_RETRACE = 0.50;
  /** How long a zone's limit rests before it expires unfilled. */
  public static final int ENTRY_WINDOW_BARS = 3;
  /** Reference 001: at most 20 bars per trade. */
  public static final int MAX_HOLD = 20;
  /** A Trailing trade trails the close by this many ATRs once at break-even. */
  public static final double TRAIL_ATR = 0.5;

  /** A method's prices for one candle: what the cards show and the simulation uses. */
  public record Prices(double entry, double stop, double oneR, double target, boolean marketEntry) {

    public double risk() {
      return Math.abs(entry - stop);
    }
  }

  private MethodPlans() {}

  /** The method's prices for the candle at {@code bar}, or empty when its zone is invalid there. */
  public static Optional<Prices> prices(TradeMethod m, Direction d, double open, double close, double atr) {
    double sign = d.sign();
    double body = Math.abs(close - open);
    double entry = switch (m.zone()) {
      case AGGRESSIVE -> close;
      case STANDARD -> close - sign * STANDARD_RETRACE * body;
      case SNIPER -> close - sign * SNIPER_RETRACE * body;
    };
    double stop = switch (m.stop()) {
      case FIXED -> close * (1 - sign * FIXED_SL);
      case ATR -> close - sign * ATR_SL_MULTIPLE * atr;
    };
    if (!(sign * (entry - stop) > 0) || !(stop > 0)) {
      return Optional.empty(); // entry at or past the stop (or no ATR yet): no trade for this zone
    }
    double risk = Math.abs(entry - stop);
    return Optional.of(new Prices(entry, stop, entry + sign * risk, entry + sign * m.targetR() * risk,
        m.zone() == TradeMethod.Zone.AGGRESSIVE));
  }

  /** The engine's plan for those prices. */
  public static TradePlan plan(TradeMethod m, Direction d, Prices p) {
    return new TradePlan(d.entrySide(), p.marketEntry() ? TradePlan.Entry.MARKET : TradePlan.Entry.LIMIT, p.entry(),
        p.marketEntry() ? Double.NaN : p.entry(), p.marketEntry() ? 0 : ENTRY_WINDOW_BARS, p.stop(), p.target(),
        m.management(), p.oneR(), TRAIL_ATR, MAX_HOLD);
  }
}
