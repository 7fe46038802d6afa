package io.momentic.engine.account;

import io.momentic.core.AssetClass;
import io.momentic.core.Checks;
import java.util.EnumMap;
import java.util.Map;

/**
 * What an account may borrow and when it is called: whether it may sell short, and the
 * maintenance margin per asset class — the equity a position must keep as a fraction of its
 * notional. Equity below Σ maintenance × |notional| is a breach: the broker liquidates every
 * position at the next fill opportunity (at the open when the bar gaps through it, else inside the
 * bar at the price where the requirement is crossed) and books the exits with reason
 * {@code margin-call}. The initial margin is the run's leverage cap (gross exposure ≤ cap × equity
 * after every exposure-increasing fill).
 *
 * <p>Defaults ({@link #standard()}): equities and ETFs 25 % long / 30 % short (FINRA Rule 4210's
 * maintenance minimums), indexes the same, crypto 10 % (a spot-margin liquidation at a margin
 * level of 1.1), FX 3 % (about 33:1, between the US 50:1 major-pair limit and the EU 30:1).
 * A long position bought with cash never breaches: only borrowing (shorts, or cash below zero) can.
 *
 * @param allowShort whether the account may sell short (a cash account may not)
 */
public record MarginModel(boolean allowShort, Map<AssetClass, Double> maintenanceLong,
    Map<AssetClass, Double> maintenanceShort) implements java.io.Serializable {

  public MarginModel {
    maintenanceLong = checked(maintenanceLong, "maintenanceLong");
    maintenanceShort = checked(maintenanceShort, "maintenanceShort");
  }

  private static Map<AssetClass, Double> checked(Map<AssetClass, Double> m, String name) {
    EnumMap<AssetClass, Double> copy = new EnumMap<>(AssetClass.class);
    for (AssetClass c : AssetClass.values()) {
      Double v = Checks.notNull(m, name).get(c);
      copy.put(c, Checks.inRangeInclusive(v == null ? 0 : v, 0, 1, name + "[" + c + "]"));
    }
    return java.util.Collections.unmodifiableMap(copy);
  }

  private static final MarginModel STANDARD = buildStandard();
  private static final MarginModel CASH = new MarginModel(false, Map.of(), Map.of());

  /** A margin account with the documented maintenance defaults; shorts allowed. */
  public static MarginModel standard() {
    return STANDARD;
  }

  private static MarginModel buildStandard() {
    EnumMap<AssetClass, Double> lng = new EnumMap<>(AssetClass.class);
    EnumMap<AssetClass, Double> sht = new EnumMap<>(AssetClass.class);
    for (AssetClass c : AssetClass.values()) {
      double[] ls = switch (c) {
        case EQUITY, ETF, INDEX -> new double[] {0.25, 0.30};
        case CRYPTO -> new double[] {0.10, 0.10};
        case FX -> new double[] {0.03, 0.03};
      };
      lng.put(c, ls[0]);
      sht.put(c, ls[1]);
    }
    return new MarginModel(true, lng, sht);
  }

  /** A cash account: no shorts; with a leverage cap of 1 it never borrows, so it is never called. */
  public static MarginModel cash() {
    return CASH;
  }

  /** The maintenance fraction of a position of sign {@code direction} (+1 long, −1 short). */
  public double maintenance(AssetClass assetClass, int direction) {
    return (direction > 0 ? maintenanceLong : maintenanceShort).get(assetClass);
  }
}
