package io.momentic.strategies;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A strategy's parameters after resolution: every declared one, given or defaulted, typed. */
public final class StrategyParams {

  private final Map<String, Object> values;

  StrategyParams(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  /** Every parameter by name (sorted), defaults included, typed. */
  public Map<String, Object> values() {
    return values;
  }

  /**
   * Every parameter as the text {@code --param k=v} takes (numbers in their shortest exact form:
   * {@code 0}, {@code 0.5}): what a run's manifest records, so the run can be repeated from it.
   */
  public Map<String, String> texts() {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> out.put(k, v instanceof Double d ? io.momentic.core.Decimals.shortest(d) : String.valueOf(v)));
    return Collections.unmodifiableMap(out);
  }

  public int integer(String name) {
    return (Integer) get(name);
  }

  public double number(String name) {
    return ((Number) get(name)).doubleValue();
  }

  public boolean bool(String name) {
    return (Boolean) get(name);
  }

  public String text(String name) {
    return (String) get(name);
  }

  private Object get(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalStateException("Expected parameter '" + name + "' to be resolved, but it is not declared");
    }
    return v;
  }
}
