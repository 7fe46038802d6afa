package io.momentic.paper.runtime;

import io.momentic.core.Checks;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.Strategy;
import io.momentic.engine.exec.VenueRules;
import java.util.List;
import java.util.function.Supplier;

/**
 * One strategy the runtime trades: its id (part of every client order id), a fresh instance per
 * decision (the same class a backtest runs), its settings — capital, costs, fill timing and the
 * first trading bar, exactly what its backtest takes — the symbols it trades, and a line that
 * describes it.
 */
public record SlotSpec(String id, Supplier<Strategy> strategy, BacktestConfig config, List<String> symbols,
    String description) {

  /**
   * The venue's rules, as its backtest applies them ({@code config.execution().rules()}): what
   * counts as dust is below its lot step, minimum quantity or notional.
   */
  public VenueRules dust() {
    return config.execution().rules();
  }

  /** Client order ids must fit exchange limits (Binance: 36 characters of [A-Za-z0-9_-.:/]). */
  public static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[A-Za-z0-9_]{1,16}");

  public SlotSpec {
    Checks.notNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new io.momentic.core.ConfigException("id", "expected a strategy id of 1-16 letters, digits or _, found '"
          + id + "'");
    }
    Checks.notNull(strategy, "strategy");
    Checks.notNull(config, "config");
    symbols = List.copyOf(symbols);
  }
}
