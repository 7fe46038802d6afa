package io.momentic.engine.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A portfolio's state, as saved to {@code state/portfolio.json}: cash, open positions (with what
 * the trade ledger needs to close them later), the fills and closed trades so far, and — from
 * format version 2 — the working orders (a bracket's stop survives a save and resume), the target
 * weights not yet rebalanced to, and whether trading has stopped. Version 1 files (no working orders) are still read. Order ids carry on from
 * {@code nextOrderId}.
 *
 * @param pendingTargets target weights decided but not yet rebalanced to, by symbol
 * @param tradingStopped why trading stopped (the equity reached zero), or null while it goes on
 */
public record PortfolioState(int formatVersion, long asOfMillis, double cash, List<Holding> positions,
    List<Fill> fills, List<Trade> trades, long nextOrderId, List<SavedOrder> workingOrders,
    java.util.Map<String, Double> pendingTargets, String tradingStopped) {

  public static final int FORMAT_VERSION = 2;

  /**
   * One open position. {@code lowest}/{@code highest}: the price range seen since entry (MAE/MFE);
   * {@code entrySlippage}: the entry's slippage cost not yet allocated to a closed trade (0 in files
   * written before it was kept).
   */
  public record Holding(String symbol, double quantity, double averagePrice, long entryTimeMillis, double entryFees,
      double lowest, double highest,
      @com.fasterxml.jackson.annotation.JsonSetter(nulls = com.fasterxml.jackson.annotation.Nulls.AS_EMPTY)
      double entrySlippage) {

    public Holding(String symbol, double quantity, double averagePrice, long entryTimeMillis, double entryFees,
        double lowest, double highest) {
      this(symbol, quantity, averagePrice, entryTimeMillis, entryFees, lowest, highest, 0);
    }
  }

  /**
   * One working order, flat: the order's fields (sizing, trails and time in force by name), and
   * the execution core's state of it. Times replace bar indexes, so the order binds to the bars of
   * the session that resumes it. A trail by feature names the feature; the resumed strategy
   * registers it again under that name.
   *
   * @param activeFromMillis the first bar that may fill it opens at or after this time
   * @param remainingQuantity units still to fill when part has filled (NaN: resolved at the fill)
   * @param trailLevel a trailing stop's current level (NaN until set)
   */
  public record SavedOrder(long id, String symbol, String side, String type, String sizing, double sizingAmount,
      double limitPrice, double stopPrice, String trailKind, double trailAmount, String trailFeature,
      String timeInForce, long expireTimeMillis, double stopLoss, String stopLossTrailKind,
      double stopLossTrailAmount, String stopLossTrailFeature, double takeProfit, String tag, long createdMillis,
      long activeFromMillis, boolean triggered, long ocoPartnerId, long parentId, double remainingQuantity,
      double trailLevel) {}

  public PortfolioState {
    positions = List.copyOf(positions);
    fills = List.copyOf(fills);
    trades = List.copyOf(trades);
    workingOrders = workingOrders == null ? List.of() : List.copyOf(workingOrders);
    pendingTargets = pendingTargets == null ? java.util.Map.of()
        : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(pendingTargets));
  }

  /** A state without working orders, trading on (what version 1 held). */
  public PortfolioState(int formatVersion, long asOfMillis, double cash, List<Holding> positions, List<Fill> fills,
      List<Trade> trades, long nextOrderId) {
    this(formatVersion, asOfMillis, cash, positions, fills, trades, nextOrderId, List.of(), java.util.Map.of(), null);
  }

  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  /** Writes the state atomically (temp file then move), so a crash never leaves half a file. */
  public void write(Path file) throws IOException {
    io.momentic.core.AtomicFiles.writeString(file, JSON.writeValueAsString(this) + "\n");
  }

  public static PortfolioState read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new DataFormatException(new LoadFailure(file.toString(), 0, "", "a saved portfolio state", "no such file",
          "save one first with backtest --save-state, or check the path"));
    }
    String text = Files.readString(file);
    try {
      PortfolioState s = JSON.readValue(text, PortfolioState.class);
      if (s.formatVersion() != FORMAT_VERSION && s.formatVersion() != 1) {
        throw new DataFormatException(new LoadFailure(file.toString(), 0, "format_version",
            "version 1 or " + FORMAT_VERSION, String.valueOf(s.formatVersion()),
            "write the file with this Momentic version"));
      }
      return s;
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      throw new DataFormatException(new LoadFailure(file.toString(), line, "", "a portfolio state written by "
          + "Momentic", e.getOriginalMessage(), "restore the file from a backup or start a new portfolio"));
    }
  }
}
