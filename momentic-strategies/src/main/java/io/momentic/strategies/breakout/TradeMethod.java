package io.momentic.strategies.breakout;

import io.momentic.engine.trade.TradePlan.Management;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One of reference 001's 72 trade methods: an entry zone × a stop × a management mode × a target
 * in R. {@link #ALL} lists them in a fixed order (zones, then stops, then modes, then targets).
 */
public record TradeMethod(Zone zone, Stop stop, Management management, double targetR) {

  /** Where the entry rests, relative to the signal candle (see {@link MethodPlans}). */
  public enum Zone {
    AGGRESSIVE("Aggressive"),
    STANDARD("Standard"),
    SNIPER("Sniper");

    private final String label;

    Zone(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** The stop: a fixed 1.5 % from the signal close, or one ATR from it. */
  public enum Stop {
    FIXED("Fixed SL"),
    ATR("ATR SL");

    private final String label;

    Stop(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public static final double[] TARGETS_R = {2.0, 2.5, 3.0};

  /** The 72 methods: 3 zones × 2 stops × 4 management modes × 3 targets. */
  public static final List<TradeMethod> ALL = all();

  private static List<TradeMethod> all() {
    List<TradeMethod> out = new ArrayList<>(72);
    for (Zone z : Zone.values()) {
      for (Stop s : Stop.values()) {
        for (Management m : Management.values()) {
          for (double tp : TARGETS_R) {
            out.add(new TradeMethod(z, s, m, tp));
          }
        }
      }
    }
    return List.copyOf(out);
  }

  /** {@code Sniper · ATR SL · Partial-NoBE · 2.5R}, as the reference names them. */
  public String label() {
    return zone.label() + " · " + stop.label() + " · " + managementLabel(management) + " · "
        + String.format(Locale.ROOT, "%.1fR", targetR);
  }

  /** A stable key: {@code sniper/atr/partial-nobe/2.5}. */
  public String key() {
    return zone.name().toLowerCase(Locale.ROOT) + "/" + stop.name().toLowerCase(Locale.ROOT) + "/"
        + management.name().toLowerCase(Locale.ROOT).replace("_no_be", "-nobe").replace('_', '-') + "/"
        + String.format(Locale.ROOT, "%.1f", targetR);
  }

  public static String managementLabel(Management m) {
    return switch (m) {
      case SIMPLE -> "Simple";
      case PARTIAL -> "Partial";
      case PARTIAL_NO_BE -> "Partial-NoBE";
      case TRAILING -> "Trailing";
    };
  }

  /** The method with this {@link #key()}, or null. */
  public static TradeMethod byKey(String key) {
    return ALL.stream().filter(m -> m.key().equals(key)).findFirst().orElse(null);
  }
}
