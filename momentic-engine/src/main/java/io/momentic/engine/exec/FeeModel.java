package io.momentic.engine.exec;

import io.momentic.core.Checks;

/** Commission charged per side (on entry and on exit) of a fill. Never negative. */
public interface FeeModel extends java.io.Serializable {

  /** Fee for trading {@code quantity} (> 0) units at {@code price} in the fill {@code c}. */
  double fee(FillContext c, double quantity, double price);

  /** This model with every fee multiplied by {@code factor} (the fee-stress run). */
  FeeModel scaled(double factor);

  /** Whether every fee is zero (a run without costs says so). */
  default boolean isZero() {
    return false;
  }

  FeeModel ZERO = new ZeroFeeModel();

  /** No fees. */
  record ZeroFeeModel() implements FeeModel {
    @Override
    public double fee(FillContext c, double quantity, double price) {
      return 0;
    }

    @Override
    public FeeModel scaled(double factor) {
      return this;
    }

    @Override
    public boolean isZero() {
      return true;
    }
  }

  /** {@code fixed + rate × notional} per side; e.g. {@code rate = 0.001} is 10 bps. */
  record FixedPlusRateFeeModel(double fixed, double rate) implements FeeModel {
    public FixedPlusRateFeeModel {
      Checks.notNegative(fixed, "fixed");
      Checks.notNegative(rate, "rate");
    }

    @Override
    public double fee(FillContext c, double quantity, double price) {
      return fixed + rate * quantity * price;
    }

    @Override
    public FeeModel scaled(double factor) {
      return new FixedPlusRateFeeModel(fixed * factor, rate * factor);
    }
  }

  /** {@code perUnit × quantity}, at least {@code minimum}, per side. */
  record PerShareFeeModel(double perUnit, double minimum) implements FeeModel {
    public PerShareFeeModel {
      Checks.notNegative(perUnit, "perUnit");
      Checks.notNegative(minimum, "minimum");
    }

    @Override
    public double fee(FillContext c, double quantity, double price) {
      return Math.max(minimum, perUnit * quantity);
    }

    @Override
    public FeeModel scaled(double factor) {
      return new PerShareFeeModel(perUnit * factor, minimum * factor);
    }
  }

  /**
   * Exchange-style rates: {@code makerRate × notional} for a fill that added liquidity (a resting
   * limit filled at its limit price), {@code takerRate × notional} for every other fill (market,
   * stop, trailing stop, a limit filled at a better open). E.g. Binance spot's base tier is
   * 0.001 / 0.001, many venues charge 0.0002 / 0.0005.
   */
  record MakerTakerFeeModel(double makerRate, double takerRate) implements FeeModel {
    public MakerTakerFeeModel {
      Checks.notNegative(makerRate, "makerRate");
      Checks.notNegative(takerRate, "takerRate");
    }

    @Override
    public double fee(FillContext c, double quantity, double price) {
      double rate = c.liquidity() == FillContext.Liquidity.MAKER ? makerRate : takerRate;
      return rate * quantity * price;
    }

    @Override
    public FeeModel scaled(double factor) {
      return new MakerTakerFeeModel(makerRate * factor, takerRate * factor);
    }
  }

  static FeeModel bps(double feeBps) {
    return new FixedPlusRateFeeModel(0, Checks.notNegative(feeBps, "feeBps") / 10_000);
  }

  static FeeModel fixedPlusRate(double fixed, double rate) {
    return new FixedPlusRateFeeModel(fixed, rate);
  }

  static FeeModel perShare(double perUnit, double minimum) {
    return new PerShareFeeModel(perUnit, minimum);
  }

  static FeeModel makerTaker(double makerRate, double takerRate) {
    return new MakerTakerFeeModel(makerRate, takerRate);
  }

  /**
   * Parses a per-side commission as the CLI and config files write it: {@code RATE} (a fraction of
   * notional, e.g. 0.001 = 10 bps) or {@code FIXED+RATE} (e.g. 1+0.001).
   */
  static FeeModel parse(String text) {
    try {
      String t = text.strip();
      int plus = t.indexOf('+', 1);
      double fixed = plus > 0 ? Double.parseDouble(t.substring(0, plus)) : 0;
      double rate = Double.parseDouble(plus > 0 ? t.substring(plus + 1) : t);
      if (!(fixed >= 0) || !(rate >= 0) || rate >= 1 || Double.isInfinite(fixed)) {
        throw new NumberFormatException();
      }
      return fixed == 0 && rate == 0 ? ZERO : fixedPlusRate(fixed, rate);
    } catch (NumberFormatException e) {
      throw new io.momentic.core.ConfigException("commission", "expected RATE (e.g. 0.001) or FIXED+RATE (e.g. "
          + "1+0.001), with 0 <= rate < 1 and fixed >= 0, found '" + text + "'");
    }
  }
}
