package io.momentic.engine.exec;

/** When a market order decided at bar t fills. */
public enum FillTiming {
  /** The default: decide at the close of t, fill at the open of t+1. */
  NEXT_OPEN,
  /** Labelled option: fill at the close of t, the bar the decision was made on (optimistic). */
  SAME_CLOSE;

  /** {@code next-open} or {@code close}, as the CLI and config files spell them. */
  public static FillTiming parse(String text) {
    return switch (text) {
      case "next-open" -> NEXT_OPEN;
      case "close" -> SAME_CLOSE;
      default -> throw new io.momentic.core.ConfigException("fill", "expected next-open or close, found '" + text
          + "'");
    };
  }
}
