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
 */
public record LoadOptions(BarLayout layout, Interval interval, AssetClass assetClass, String symbol, String venue,
    boolean dropInvalid) {

  public static final LoadOptions DEFAULT = new LoadOptions(null, null, null, null, "csv", false);

  public LoadOptions withLayout(BarLayout newLayout) {
    return new LoadOptions(newLayout, interval, assetClass, symbol, venue, dropInvalid);
  }

  public LoadOptions withInterval(Interval newInterval) {
    return new LoadOptions(layout, newInterval, assetClass, symbol, venue, dropInvalid);
  }

  public LoadOptions withAssetClass(AssetClass newAssetClass) {
    return new LoadOptions(layout, interval, newAssetClass, symbol, venue, dropInvalid);
  }

  public LoadOptions withSymbol(String newSymbol) {
    return new LoadOptions(layout, interval, assetClass, newSymbol, venue, dropInvalid);
  }

  public LoadOptions withVenue(String newVenue) {
    return new LoadOptions(layout, interval, assetClass, symbol, newVenue, dropInvalid);
  }

  public LoadOptions withDropInvalid(boolean drop) {
    return new LoadOptions(layout, interval, assetClass, symbol, venue, drop);
  }
}
