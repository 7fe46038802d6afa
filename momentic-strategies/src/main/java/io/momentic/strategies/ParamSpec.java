package io.momentic.strategies;

import io.momentic.core.ConfigException;
import java.util.List;
import java.util.Locale;

/**
 * One parameter a strategy declares: its name (kebab-case; snake_case is accepted too), type,
 * default, the range it accepts (stated for people; the strategy's own parameters record checks
 * it), and a one-line description. The CLI help, {@code momentic strategies}, the error for an
 * unknown parameter and every run's manifest all read these declarations.
 *
 * @param choices the accepted values of a {@link Type#CHOICE}, else empty
 */
public record ParamSpec(String name, Type type, Object defaultValue, String range, String description,
    List<String> choices) {

  /** How a value is written and read. */
  public enum Type {
    INT,
    NUMBER,
    BOOLEAN,
    SYMBOL,
    CHOICE;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ParamSpec {
    choices = List.copyOf(choices);
  }

  public static ParamSpec integer(String name, int defaultValue, String range, String description) {
    return new ParamSpec(name, Type.INT, defaultValue, range, description, List.of());
  }

  public static ParamSpec number(String name, double defaultValue, String range, String description) {
    return new ParamSpec(name, Type.NUMBER, defaultValue, range, description, List.of());
  }

  public static ParamSpec bool(String name, boolean defaultValue, String description) {
    return new ParamSpec(name, Type.BOOLEAN, defaultValue, "true or false", description, List.of());
  }

  public static ParamSpec symbol(String name, String defaultValue, String description) {
    return new ParamSpec(name, Type.SYMBOL, defaultValue, "a symbol of the data", description, List.of());
  }

  public static ParamSpec choice(String name, String defaultValue, List<String> choices, String description) {
    return new ParamSpec(name, Type.CHOICE, defaultValue, String.join(" | ", choices), description, choices);
  }

  /** Reads {@code text} as this parameter's type (a {@link ConfigException} naming the parameter if it cannot). */
  public Object parse(String text) {
    String v = text.strip();
    return switch (type) {
      case INT -> {
        try {
          yield Integer.parseInt(v);
        } catch (NumberFormatException e) {
          throw new ConfigException(name, "expected an integer, found '" + text + "'");
        }
      }
      case NUMBER -> {
        try {
          double d = Double.parseDouble(v);
          if (!Double.isFinite(d)) {
            throw new NumberFormatException();
          }
          yield d;
        } catch (NumberFormatException e) {
          throw new ConfigException(name, "expected a number, found '" + text + "'");
        }
      }
      case BOOLEAN -> switch (v.toLowerCase(Locale.ROOT)) {
        case "true", "yes", "1" -> true;
        case "false", "no", "0" -> false;
        default -> throw new ConfigException(name, "expected true or false, found '" + text + "'");
      };
      case SYMBOL -> v;
      case CHOICE -> {
        String c = v.toLowerCase(Locale.ROOT);
        if (!choices.contains(c)) {
          throw new ConfigException(name, "expected " + String.join(", ", choices.subList(0, choices.size() - 1))
              + " or " + choices.get(choices.size() - 1) + ", found '" + text + "'");
        }
        yield c;
      }
    };
  }

  /** The default as text (as {@code --param} takes it). */
  public String defaultText() {
    return String.valueOf(defaultValue);
  }
}
