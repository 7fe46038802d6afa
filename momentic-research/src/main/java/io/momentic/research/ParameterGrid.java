package io.momentic.research;

import io.momentic.core.ConfigException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A parameter grid: named dimensions, each a list of values (kept as the strings a strategy's
 * parameters take), and constraints between them such as {@code fast < slow}. Trials are
 * enumerated in odometer order — the last dimension varies fastest — so a trial's index is the
 * same on every machine and at any thread count.
 */
public final class ParameterGrid {

  /** One parameter and the values it takes. */
  public record Dimension(String name, List<String> values) {
    public Dimension {
      if (values.isEmpty()) {
        throw new ConfigException(name, "expected at least one value, found none");
      }
      values = List.copyOf(values);
    }
  }

  /** {@code left op right}, each side a parameter name or a number. */
  public record Constraint(String left, String op, String right) {
    boolean test(Map<String, String> params) {
      double a = operand(left, params);
      double b = operand(right, params);
      return switch (op) {
        case "<" -> a < b;
        case "<=" -> a <= b;
        case ">" -> a > b;
        case ">=" -> a >= b;
        case "==" -> a == b;
        default -> a != b;
      };
    }

    private double operand(String token, Map<String, String> params) {
      String v = params.containsKey(token) ? params.get(token) : token;
      try {
        return Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new ConfigException("constraint", "expected a grid parameter or a number in '" + this + "', found '"
            + token + "'" + (params.containsKey(token) ? " = '" + v + "' (not a number)" : ""));
      }
    }

    @Override
    public String toString() {
      return left + " " + op + " " + right;
    }
  }

  private final List<Dimension> dimensions;
  private final List<Constraint> constraints;

  public ParameterGrid(List<Dimension> dimensions, List<Constraint> constraints) {
    if (dimensions.isEmpty()) {
      throw new ConfigException("grid", "expected at least one dimension (e.g. --grid fast=5:50:5), found none");
    }
    List<String> names = new ArrayList<>();
    for (Dimension d : dimensions) {
      if (names.contains(d.name())) {
        throw new ConfigException("grid", "expected each parameter once, found '" + d.name() + "' twice");
      }
      names.add(d.name());
    }
    for (Constraint c : constraints) {
      for (String side : List.of(c.left(), c.right())) {
        if (!names.contains(side) && !isNumber(side)) {
          throw new ConfigException("constraint", "expected a grid parameter " + names + " or a number in '" + c
              + "', found '" + side + "'");
        }
      }
    }
    this.dimensions = List.copyOf(dimensions);
    this.constraints = List.copyOf(constraints);
  }

  /** A grid from {@code name=spec} dimension texts and {@code 'a < b'} constraint texts. */
  public static ParameterGrid parse(List<String> dimensions, List<String> constraints) {
    List<Dimension> dims = new ArrayList<>();
    for (String d : dimensions) {
      dims.add(parseDimension(d));
    }
    List<Constraint> cons = new ArrayList<>();
    for (String c : constraints) {
      cons.add(parseConstraint(c));
    }
    return new ParameterGrid(dims, cons);
  }

  public List<Dimension> dimensions() {
    return dimensions;
  }

  public List<Constraint> constraints() {
    return constraints;
  }

  public List<String> names() {
    return dimensions.stream().map(Dimension::name).toList();
  }

  /**
   * Parses {@code name=from:to:step} (inclusive; exact decimal steps, so 0.1:0.3:0.1 is 0.1, 0.2,
   * 0.3) or {@code name=a,b,c}.
   */
  public static Dimension parseDimension(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0 || eq == text.length() - 1) {
      throw new ConfigException("grid", "expected name=from:to:step or name=a,b,c, found '" + text + "'");
    }
    String name = text.substring(0, eq).strip();
    String spec = text.substring(eq + 1).strip();
    if (!spec.contains(":")) {
      List<String> values = new ArrayList<>();
      for (String v : spec.split(",")) {
        if (!v.isBlank()) {
          values.add(v.strip());
        }
      }
      return new Dimension(name, values);
    }
    String[] parts = spec.split(":");
    if (parts.length != 3) {
      throw new ConfigException(name, "expected from:to:step, found '" + spec + "'");
    }
    return range(name, decimal(name, parts[0]), decimal(name, parts[1]), decimal(name, parts[2]));
  }

  /** {@code from, from + step, …} up to and including {@code to}. */
  public static Dimension range(String name, BigDecimal from, BigDecimal to, BigDecimal step) {
    if (step.signum() <= 0 || to.compareTo(from) < 0) {
      throw new ConfigException(name, "expected from <= to and step > 0, found " + from.toPlainString() + ":"
          + to.toPlainString() + ":" + step.toPlainString());
    }
    BigDecimal count = to.subtract(from).divideToIntegralValue(step);
    if (count.compareTo(BigDecimal.valueOf(1_000_000)) > 0) {
      throw new ConfigException(name, "expected at most 1,000,000 values, found " + count.toPlainString());
    }
    List<String> values = new ArrayList<>();
    for (BigDecimal v = from; v.compareTo(to) <= 0; v = v.add(step)) {
      values.add(v.stripTrailingZeros().toPlainString());
    }
    return new Dimension(name, values);
  }

  /** Parses {@code fast < slow}; operators {@code < <= > >= == !=}. */
  public static Constraint parseConstraint(String text) {
    for (String op : List.of("<=", ">=", "==", "!=", "<", ">")) {
      int at = text.indexOf(op);
      if (at > 0) {
        String left = text.substring(0, at).strip();
        String right = text.substring(at + op.length()).strip();
        if (!left.isEmpty() && !right.isEmpty()) {
          return new Constraint(left, op, right);
        }
      }
    }
    throw new ConfigException("constraint", "expected 'a < b' with one of < <= > >= == !=, found '" + text + "'");
  }

  /** The number of combinations before constraints. */
  public long combinations() {
    long n = 1;
    for (Dimension d : dimensions) {
      n = Math.multiplyExact(n, d.values().size());
    }
    return n;
  }

  /** Every combination that satisfies the constraints, in odometer order. */
  public List<Map<String, String>> trials() {
    long total = combinations();
    if (total > 50_000_000) {
      throw new ConfigException("grid", "expected at most 50,000,000 combinations, found " + total
          + "; sample a random subset instead");
    }
    // The valid combinations kept as their numbers in the grid (8 bytes each), each trial's map made
    // when it is read: a million trials cost 8 MB here, not the 250 MB of a million maps.
    List<String> names = names();
    List<List<String>> values = dimensions.stream().map(d -> List.copyOf(d.values())).toList();
    long[] valid = new long[(int) Math.min(total, 1 << 16)];
    int count = 0;
    int[] at = new int[dimensions.size()];
    for (long k = 0; k < total; k++) {
      if (accepts(params(names, values, at))) {
        if (count == valid.length) {
          valid = java.util.Arrays.copyOf(valid, (int) Math.min(total, 2L * valid.length));
        }
        valid[count++] = k;
      }
      for (int d = at.length - 1; d >= 0; d--) {
        if (++at[d] < dimensions.get(d).values().size()) {
          break;
        }
        at[d] = 0;
      }
    }
    return new GridTrials(names, values, java.util.Arrays.copyOf(valid, count));
  }

  /**
   * The valid combinations by their numbers in the grid, each trial's map made when read.
   * Serializable (names, values and numbers only): the Spark job ships it to its executors whole,
   * a few bytes a trial, instead of a map per trial.
   */
  private static final class GridTrials extends java.util.AbstractList<Map<String, String>>
      implements java.util.RandomAccess, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final List<String> names;
    private final List<List<String>> values;
    private final long[] numbers;

    GridTrials(List<String> names, List<List<String>> values, long[] numbers) {
      this.names = List.copyOf(names);
      this.values = List.copyOf(values);
      this.numbers = numbers;
    }

    @Override
    public Map<String, String> get(int i) {
      long k = numbers[i];
      int[] digits = new int[names.size()];
      for (int d = digits.length - 1; d >= 0; d--) {
        int radix = values.get(d).size();
        digits[d] = (int) (k % radix);
        k /= radix;
      }
      return params(names, values, digits);
    }

    @Override
    public int size() {
      return numbers.length;
    }
  }

  /** The trial of the given value index per dimension, in dimension order. */
  private static Map<String, String> params(List<String> names, List<List<String>> values, int[] at) {
    Map<String, String> params = new LinkedHashMap<>();
    for (int d = 0; d < at.length; d++) {
      params.put(names.get(d), values.get(d).get(at[d]));
    }
    return Collections.unmodifiableMap(params);
  }

  /**
   * A seeded random subset of {@code count} of the valid trials (all of them when there are no
   * more), kept in grid order. Same seed → same subset.
   */
  public List<Map<String, String>> sample(int count, long seed) {
    List<Map<String, String>> all = trials();
    if (count >= all.size()) {
      return all;
    }
    // Partial Fisher–Yates over indices, then sorted back into grid order.
    int[] index = new int[all.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(index.length - i);
      int tmp = index[i];
      index[i] = index[j];
      index[j] = tmp;
    }
    int[] chosen = java.util.Arrays.copyOf(index, count);
    java.util.Arrays.sort(chosen);
    List<Map<String, String>> out = new ArrayList<>(count);
    for (int i : chosen) {
      out.add(all.get(i));
    }
    return out;
  }

  private boolean accepts(Map<String, String> params) {
    for (Constraint c : constraints) {
      if (!c.test(params)) {
        return false;
      }
    }
    return true;
  }

  private static BigDecimal decimal(String name, String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(name, "expected a number in from:to:step, found '" + text.strip() + "'");
    }
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
