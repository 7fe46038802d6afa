package io.momentic.cli;

import io.momentic.core.AssetClass;
import io.momentic.core.ConfigException;
import io.momentic.core.Interval;
import io.momentic.data.BarLayout;
import io.momentic.data.LoadOptions;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Options shared by every command that reads bar files. Rows skipped under {@code --drop-invalid}
 * are said on stderr by every command (count and first row per file), so none drops data silently.
 */
public final class LoadMixin {

  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--layout", paramLabel = "NAME",
      description = "Force the file layout: canonical, yahoo, indexed, long-panel, token-panel, binance-klines, "
          + "binance-klines-json, date-open-time, date-ohlcv, date-ohlc. Default: detected from the header.")
  String layout;

  @Option(names = "--interval", paramLabel = "CODE", description = "Bar interval (1m … 1w, 1M). Default: inferred.")
  public String interval;

  @Option(names = "--asset-class", paramLabel = "CLASS",
      description = "equity, etf, index, fx or crypto. Default: crypto for exchange layouts or weekend bars, else equity.")
  String assetClass;

  @Option(names = "--symbol", paramLabel = "SYMBOL", description = "Symbol of a single-symbol file. Default: the file name.")
  String symbol;

  @Option(names = "--drop-invalid",
      description = "Skip rows with invalid values (empty, non-numeric, non-finite, prices <= 0, negative volume, "
          + "OHLC out of order) and report each one. Default: reject the file.")
  boolean dropInvalid;

  public LoadOptions options() {
    LoadOptions o = LoadOptions.DEFAULT.withDropInvalid(dropInvalid);
    if (layout != null) {
      o = o.withLayout(BarLayout.parse(layout));
    }
    if (interval != null) {
      o = o.withInterval(Interval.parse(interval));
    }
    if (assetClass != null) {
      try {
        o = o.withAssetClass(AssetClass.valueOf(assetClass.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("asset-class", "expected one of equity, etf, index, fx, crypto, found '" + assetClass + "'");
      }
    }
    if (symbol != null) {
      o = o.withSymbol(symbol);
    }
    if (dropInvalid && spec != null) {
      java.io.PrintWriter err = spec.commandLine().getErr();
      o = o.withDropReport((source, rows) -> {
        err.println("note: " + source + ": dropped " + rows.size() + " invalid row(s) (--drop-invalid); first: "
            + rows.get(0).message());
        err.flush();
      });
    }
    return o;
  }
}
