package io.momentic.engine;

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
 * A {@link PaperBroker}'s state, as saved to {@code state/portfolio.json}: cash, open positions
 * (with what the trade ledger needs to close them later) and the fills and closed trades so far.
 * Working orders are not part of it: a session ends after its fills, at a close; order ids carry on
 * from {@code nextOrderId}.
 */
public record PortfolioState(int formatVersion, long asOfMillis, double cash, List<Holding> positions,
    List<Fill> fills, List<Trade> trades, long nextOrderId) {

  public static final int FORMAT_VERSION = 1;

  /** One open position. {@code lowest}/{@code highest}: the price range seen since entry (MAE/MFE). */
  public record Holding(String symbol, double quantity, double averagePrice, long entryTimeMillis, double entryFees,
      double lowest, double highest) {}

  public PortfolioState {
    positions = List.copyOf(positions);
    fills = List.copyOf(fills);
    trades = List.copyOf(trades);
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
      if (s.formatVersion() != FORMAT_VERSION) {
        throw new DataFormatException(new LoadFailure(file.toString(), 0, "format_version",
            "version " + FORMAT_VERSION, String.valueOf(s.formatVersion()), "write the file with this Momentic version"));
      }
      return s;
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNr());
      throw new DataFormatException(new LoadFailure(file.toString(), line, "", "a portfolio state written by "
          + "Momentic", e.getOriginalMessage(), "restore the file from a backup or start a new portfolio"));
    }
  }
}
