package io.momentic.engine;

import io.momentic.core.Checks;

/** Commission charged per side (on entry and on exit) of a fill. Never negative. */
public interface FeeModel extends java.io.Serializable {

  /** Fee for trading {@code quantity} (> 0) units at {@code price}. */
  double fee(double quantity, double price);

  /** This model with every fee multiplied by {@code factor} (the fee-stress run). */
  FeeModel scaled(double factor);

  FeeModel ZERO = new ZeroFeeModel();

  /** No fees. */
  record ZeroFeeModel() implements FeeModel {
    @Override
    public double fee(double quantity, double price) {
      return 0;
    }

    @Override
    public FeeModel scaled(double factor) {
      return this;
    }
  }

  /** {@code fixed + rate × notional} per side; e.g. {@code rate = 0.001} is 10 bps. */
  record FixedPlusRateFeeModel(double fixed, double rate) implements FeeModel {
    public FixedPlusRateFeeModel {
      Checks.notNegative(fixed, "fixed");
      Checks.notNegative(rate, "rate");
    }

    @Override
    public double fee(double quantity, double price) {
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
    public double fee(double quantity, double price) {
      return Math.max(minimum, perUnit * quantity);
    }

    @Override
    public FeeModel scaled(double factor) {
      return new PerShareFeeModel(perUnit * factor, minimum * factor);
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
