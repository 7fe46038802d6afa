package io.momentic.data;

import io.momentic.core.AssetClass;
import io.momentic.core.Interval;

/**
 * How to read a bar file. Nulls mean "detect": the layout from the header, the interval from the
 * spacing of the timestamps, the asset class from the layout and calendar (crypto when the
 * layout is an exchange's or daily bars fall on weekends), the symbol from the file name.
 *
 * @param dropInvalid skip rows whose values are invalid (empty, non-numeric, non-finite,
 *     non-positive prices, negative volume, OHLC out of order) and list each in
 *     {@link LoadedBars#dropped()}; structural problems (field counts, order, duplicates) are
 *     never skipped
 * @param dropReport told of every file read with dropped rows (null: nobody), so a command that
 *     has no headline of its own (a screen, a regime fit) still says what it skipped
 */
public record LoadOptions(BarLayout layout, Interval interval, AssetClass assetClass, String symbol, String venue,
    boolean dropInvalid, DropReport dropReport) {

  /** Who hears of dropped rows: the file's name and the rows, each with its reason. */
  @FunctionalInterface
  public interface DropReport {
    void dropped(String source, java.util.List<io.momentic.core.LoadFailure> rows);
  }

  public static final LoadOptions DEFAULT = new LoadOptions(null, null, null, null, "csv", false, null);

  public LoadOptions(BarLayout layout, Interval interval, AssetClass assetClass, String symbol, String venue,
      boolean dropInvalid) {
    this(layout, interval, assetClass, symbol, venue, dropInvalid, null);
  }

  public LoadOptions withLayout(BarLayout newLayout) {
    return new LoadOptions(newLayout, interval, assetClass, symbol, venue, dropInvalid, dropReport);
  }

  public LoadOptions withInterval(Interval newInterval) {
    return new LoadOptions(layout, newInterval, assetClass, symbol, venue, dropInvalid, dropReport);
  }

  public LoadOptions withAssetClass(AssetClass newAssetClass) {
    return new LoadOptions(layout, interval, newAssetClass, symbol, venue, dropInvalid, dropReport);
  }

  public LoadOptions withSymbol(String newSymbol) {
    return new LoadOptions(layout, interval, assetClass, newSymbol, venue, dropInvalid, dropReport);
  }

  public LoadOptions withVenue(String newVenue) {
    return new LoadOptions(layout, interval, assetClass, symbol, newVenue, dropInvalid, dropReport);
  }

  public LoadOptions withDropInvalid(boolean drop) {
    return new LoadOptions(layout, interval, assetClass, symbol, venue, drop, dropReport);
  }

  public LoadOptions withDropReport(DropReport report) {
    return new LoadOptions(layout, interval, assetClass, symbol, venue, dropInvalid, report);
  }
}
