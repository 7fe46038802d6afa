package io.momentic.workflow.pipeline;

import static io.momentic.workflow.config.ConfigFiles.require;

import io.momentic.core.ConfigException;
import io.momentic.core.Interval;
import io.momentic.core.Symbols;
import io.momentic.data.ExchangeResolver;
import io.momentic.data.provider.DataProviders;
import io.momentic.data.provider.TradingViewSymbolSearch;
import io.momentic.report.page.Theme;
import io.momentic.strategies.CrossScanner;
import io.momentic.strategies.MomentumScreen;
import io.momentic.workflow.config.ConfigFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code config/pipeline.toml} bound (see {@link ConfigFiles}): {@code [[source]]} tables, a
 * {@code [crosses]} table and an optional {@code [momentum]} table. Every value is checked here,
 * once, before the pipeline touches the store.
 */
public record PipelineConfig(List<Source> source, Crosses crosses, Momentum momentum) {

  public static final String EXAMPLE = "config/pipeline.toml in the repository";

  public PipelineConfig {
    source = source == null ? List.of() : List.copyOf(source);
    crosses = crosses == null ? new Crosses(null, null, null) : crosses;
  }

  /** The file bound; no file is an empty pipeline (nothing refreshed, crosses over the store). */
  public static PipelineConfig read(Path file) {
    return Files.isRegularFile(file) ? ConfigFiles.read(file, PipelineConfig.class, EXAMPLE)
        : new PipelineConfig(null, null, null);
  }

  /** One {@code [[source]]}: where bars come from. */
  public record Source(String venue, List<String> symbols, String interval, String since, String folder,
      String baseUrl, Double minQuoteVolume, Integer top) {

    public Source {
      require(venue != null, "venue", "a venue (" + String.join(", ", DataProviders.names().stream().sorted()
          .toList()) + ")", "none", "add venue = \"binance\", say");
      String near = ConfigFiles.nearest(venue, DataProviders.names());
      require(DataProviders.names().contains(venue), "venue", "one of " + DataProviders.names().stream().sorted()
          .toList(), venue, near != null ? "did you mean '" + near + "'?" : "use one of them");
      symbols = symbols == null ? List.of() : List.copyOf(symbols);
      for (String s : symbols) {
        require(Symbols.problem(s).isEmpty(), "symbols", "symbols (" + Symbols.RULE + ")", s,
            "correct the ticker");
      }
      interval = interval == null ? "1d" : interval;
      Interval.parse(interval); // a ConfigException naming the known intervals
      since = since == null ? "2018-01-01" : since;
      try {
        LocalDate.parse(since);
      } catch (DateTimeParseException e) {
        throw new ConfigException("since", "expected a date like 2018-01-01 (year-month-day), found '" + since
            + "'; fix: write it as YYYY-MM-DD");
      }
      require(!venue.equals("csv") || folder != null, "folder", "a folder for the csv venue", "none",
          "add folder = \"feed\" (relative to the workspace)");
      require(minQuoteVolume == null || minQuoteVolume >= 0, "min_quote_volume", "a volume >= 0", minQuoteVolume,
          null);
      require(top == null || top >= 0, "top", "a count >= 0 (0: all)", top, null);
    }

    public Interval intervalValue() {
      return Interval.parse(interval);
    }

    public long sinceMillis() {
      return LocalDate.parse(since).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
  }

  /** {@code [crosses]}: the interval scanned and the window, in days. */
  /** {@code [crosses]}: the golden/death-cross scan's interval and window; its page's {@code theme}. */
  public record Crosses(String interval, Integer windowDays, String theme) {

    public Crosses {
      interval = interval == null ? "1d" : interval;
      Interval.parse(interval);
      Theme.parse(theme); // a ConfigException naming the themes
      windowDays = windowDays == null ? CrossScanner.Settings.DEFAULT.windowDays() : windowDays;
      require(windowDays >= 1 && windowDays <= 3650, "window_days", "a number of days from 1 to 3650", windowDays,
          null);
    }

    public Interval intervalValue() {
      return Interval.parse(interval);
    }

    public Theme themeValue() {
      return Theme.parse(theme);
    }
  }

  /**
   * {@code [momentum]}: the weekly shortlist over a universe; the page's {@code theme} (default or
   * groovy); {@code exchange_lookup = "tradingview"} looks up the chart-link exchange of names the
   * map ({@code state/tv_exchange_map.json}) does not know yet ({@code tradingview_url}: another
   * symbol-search base, a test's fake).
   */
  public record Momentum(String universe, Integer lookback, Integer skip, Integer top, String theme,
      String exchangeLookup, String tradingviewUrl) {

    public Momentum {
      require(universe != null, "universe", "a universe name (config/universe/<NAME>.csv)", "none",
          "add universe = \"sp500\", say, or remove the [momentum] table");
      MomentumScreen.Settings d = MomentumScreen.Settings.DEFAULTS;
      lookback = lookback == null ? d.lookback() : lookback;
      skip = skip == null ? d.skip() : skip;
      top = top == null ? d.top() : top;
      require(lookback >= 1 && lookback <= 520, "lookback", "weeks from 1 to 520", lookback, null);
      require(skip >= 0 && skip < lookback, "skip", "weeks from 0 to lookback − 1 (" + (lookback - 1) + ")", skip,
          null);
      require(top >= 1 && top <= 1000, "top", "a count from 1 to 1000", top, null);
      Theme.parse(theme); // a ConfigException naming the themes
      exchangeLookup = exchangeLookup == null ? "none" : exchangeLookup;
      require(exchangeLookup.equals("none") || exchangeLookup.equals("tradingview"), "exchange_lookup",
          "none or tradingview", exchangeLookup, "use exchange_lookup = \"tradingview\" or leave it out");
      if (tradingviewUrl != null) {
        try {
          URI.create(tradingviewUrl).toURL();
        } catch (IllegalArgumentException | java.net.MalformedURLException e) {
          throw new ConfigException("tradingview_url", "expected a URL like https://symbol-search.tradingview.com, "
              + "found '" + tradingviewUrl + "'");
        }
      }
    }

    public Theme themeValue() {
      return Theme.parse(theme);
    }

    /** The online lookup configured, or null. */
    public ExchangeResolver onlineExchanges() {
      return exchangeLookup.equals("tradingview") ? TradingViewSymbolSearch.standard(URI.create(
          tradingviewUrl == null ? TradingViewSymbolSearch.DEFAULT_BASE_URL : tradingviewUrl),
          TradingViewSymbolSearch.DEFAULT_SPACING_MILLIS) : null;
    }
  }
}
