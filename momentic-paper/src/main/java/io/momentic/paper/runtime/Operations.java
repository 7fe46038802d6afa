package io.momentic.paper.runtime;

import io.momentic.core.ConfigException;
import java.util.Locale;
import java.util.Map;

/**
 * What an operator may do, and when: the one place the allowed transitions are checked, for the
 * CLI writing to a stopped runtime's journal and for a running runtime taking the same action from
 * its inbox.
 *
 * <ul>
 *   <li>{@code pause}: RUNNING → PAUSED (until resumed; no cool-down ends it);
 *   <li>{@code resume}: PAUSED → RUNNING;
 *   <li>{@code clear}: QUARANTINED → RUNNING (after the cause is understood);
 *   <li>{@code kill}: any but RETIRED → KILLED (its working orders are cancelled; positions stay);
 *   <li>{@code retire}: → RETIRED, only when flat or holding dust only;
 *   <li>{@code halt}, {@code reduce}, {@code activate}: the portfolio's kill switch.
 * </ul>
 */
public final class Operations {

  private Operations() {}

  /** An operator's action on a strategy (or, for halt/reduce/activate, on the portfolio). */
  public enum Action {
    PAUSE, RESUME, CLEAR, KILL, RETIRE, HALT, REDUCE, ACTIVATE;

    public static Action parse(String text) {
      try {
        return valueOf(text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("action", "expected one of pause, resume, clear, kill, retire, halt, reduce, "
            + "activate, found '" + text + "'");
      }
    }

    public boolean portfolio() {
      return this == HALT || this == REDUCE || this == ACTIVATE;
    }
  }

  /** The strategy's state after {@code action}, or a ConfigException naming why it is not allowed now. */
  public static StrategyState next(String strategy, StrategyState now, Action action, Map<String, Double> positions,
      boolean dustOnly) {
    StrategyState to = switch (action) {
      case PAUSE -> require(strategy, now, StrategyState.RUNNING, StrategyState.PAUSED, action);
      case RESUME -> require(strategy, now, StrategyState.PAUSED, StrategyState.RUNNING, action);
      case CLEAR -> require(strategy, now, StrategyState.QUARANTINED, StrategyState.RUNNING, action);
      case KILL -> {
        if (now == StrategyState.RETIRED) {
          throw new ConfigException("action", "expected a strategy that is not retired, found " + strategy
              + " retired; fix: nothing to kill");
        }
        yield StrategyState.KILLED;
      }
      case RETIRE -> {
        if (!positions.isEmpty() && !dustOnly) {
          throw new ConfigException("action", "expected " + strategy + " flat (or holding dust only) to retire it, "
              + "found positions " + positions + "; fix: close them first (pause it and trade them out), or "
              + "'momentic paper close-dust' for fragments below the venue's minimums");
        }
        yield StrategyState.RETIRED;
      }
      case HALT, REDUCE, ACTIVATE -> throw new IllegalArgumentException(action + " applies to the portfolio");
    };
    return to;
  }

  public static BookState portfolio(Action action) {
    return switch (action) {
      case HALT -> BookState.HALTED;
      case REDUCE -> BookState.REDUCING;
      case ACTIVATE -> BookState.ACTIVE;
      default -> throw new IllegalArgumentException(action + " applies to a strategy");
    };
  }

  private static StrategyState require(String strategy, StrategyState now, StrategyState from, StrategyState to,
      Action action) {
    if (now != from) {
      throw new ConfigException("action", "expected " + strategy + " " + from.code() + " to " + action.name()
          .toLowerCase(Locale.ROOT) + " it, found it " + now.code() + "; fix: see 'momentic paper status' and "
          + "docs/RUNBOOK.md for what each state allows");
    }
    return to;
  }
}
