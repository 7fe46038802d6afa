package io.momentic.core;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What a symbol may be, and the one way a symbol becomes a file name. A symbol read from a file,
 * a universe, a command line or an exchange is checked here before it names anything on disk:
 * 1 to {@value #MAX_LENGTH} characters, each a letter, a digit or one of {@code . _ - ^ = + &},
 * not starting with a dot — enough for {@code BRK.B}, {@code BRK-B}, {@code ^VIX},
 * {@code EURUSD=X}, {@code BTC_USDT}, {@code M&T} — so no path separator, no {@code ..}, no
 * control character, no space can reach a path.
 */
public final class Symbols {

  public static final int MAX_LENGTH = 40;

  /** The rule, as error messages state it. */
  public static final String RULE = "1 to " + MAX_LENGTH + " letters, digits or . _ - ^ = + &, not starting with a dot";

  private Symbols() {}

  /** Why {@code symbol} is not a valid symbol, or empty when it is. */
  public static Optional<String> problem(String symbol) {
    if (symbol == null || symbol.isEmpty()) {
      return Optional.of("an empty symbol");
    }
    if (symbol.length() > MAX_LENGTH) {
      return Optional.of("a symbol of " + symbol.length() + " characters");
    }
    for (int i = 0; i < symbol.length(); i++) {
      char c = symbol.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '.' || c == '_' || c == '-' || c == '^' || c == '=' || c == '+' || c == '&';
      if (!ok) {
        return Optional.of("the character " + describe(c) + " at position " + (i + 1));
      }
    }
    if (symbol.charAt(0) == '.') {
      return Optional.of("a symbol starting with a dot");
    }
    return Optional.empty();
  }

  /**
   * A file name's stem as a symbol: each character outside the rule becomes {@code _}, leading dots
   * are dropped, and it is cut to {@value #MAX_LENGTH} characters ({@code "GOOG (1)"} → {@code GOOG__1_}).
   */
  public static String fromName(String stem) {
    StringBuilder b = new StringBuilder(stem.length());
    for (int i = 0; i < stem.length() && b.length() < MAX_LENGTH; i++) {
      char c = stem.charAt(i);
      if (c == '.' && b.isEmpty()) {
        continue;
      }
      b.append(problem(String.valueOf(c)).isEmpty() || c == '.' ? c : '_');
    }
    return b.isEmpty() ? "_" : b.toString();
  }

  /** {@code symbol} itself, or a {@link ConfigException} for {@code key} saying what is wrong. */
  public static String require(String key, String symbol) {
    Optional<String> problem = problem(symbol);
    if (problem.isPresent()) {
      throw new ConfigException(key, "expected a symbol (" + RULE + "), found " + quoted(symbol) + ": "
          + problem.get() + "; fix: use the ticker as the exchange lists it");
    }
    return symbol;
  }

  /** {@code folder/<symbol><extension>}, the symbol checked first and the result checked to lie in the folder. */
  public static Path file(Path folder, String symbol, String extension) {
    require("symbol", symbol);
    return SafePaths.inside(folder, symbol + extension);
  }

  /** The symbol as a message shows it: quoted, control characters escaped. */
  public static String quoted(String symbol) {
    if (symbol == null) {
      return "none";
    }
    StringBuilder b = new StringBuilder("'");
    symbol.codePoints().limit(60).forEach(c -> b.append(Character.isISOControl(c) ? describe((char) c)
        : new String(Character.toChars(c))));
    return b.append(symbol.length() > 60 ? "…'" : "'").toString();
  }

  private static String describe(char c) {
    if (c == '/' || c == '\\') {
      return "'" + c + "' (a path separator)";
    }
    if (Character.isISOControl(c)) {
      return String.format("U+%04X (a control character)", (int) c);
    }
    return c == ' ' ? "' ' (a space)" : "'" + c + "'";
  }
}
