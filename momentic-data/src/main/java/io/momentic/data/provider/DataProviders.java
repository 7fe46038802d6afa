package io.momentic.data.provider;

import io.momentic.data.SyntheticMarket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The provider registry by name (reference 002 §4.12): {@code binance} (with Gate.io as the
 * fallback for pairs Binance does not list), {@code gateio}, {@code massive} and {@code alpaca}
 * (US equities, API keys from the environment), {@code csv} (a folder) and {@code synthetic}. New providers register a factory under a new name.
 */
public final class DataProviders {

  /** What a factory may need; unused fields are ignored. */
  public record Options(URI binanceBaseUrl, URI gateioBaseUrl, Path folder, SyntheticMarket.Spec syntheticSpec,
      RetryPolicy retry, Sleeper sleeper, Duration totalTimeout, Map<String, URI> baseUrls) {

    public Options(URI binanceBaseUrl, URI gateioBaseUrl, Path folder, SyntheticMarket.Spec syntheticSpec,
        RetryPolicy retry, Sleeper sleeper, Duration totalTimeout) {
      this(binanceBaseUrl, gateioBaseUrl, folder, syntheticSpec, retry, sleeper, totalTimeout, Map.of());
    }

    public static Options defaults() {
      return new Options(URI.create(BinanceProvider.DEFAULT_BASE_URL), URI.create(GateioProvider.DEFAULT_BASE_URL),
          null, null, RetryPolicy.DEFAULT, Sleeper.SYSTEM, null);
    }

    /** The API base of another venue ({@code massive}, {@code alpaca}): a test's loopback fake, say. */
    public Options withBaseUrl(String venue, URI url) {
      Map<String, URI> m = new TreeMap<>(baseUrls);
      m.put(venue, url);
      return new Options(binanceBaseUrl, gateioBaseUrl, folder, syntheticSpec, retry, sleeper, totalTimeout,
          Map.copyOf(m));
    }

    /** The API base of the named venue, whichever it is (what {@code --base-url} sets). */
    public Options withVenueBaseUrl(String venue, URI url) {
      return switch (venue) {
        case BinanceProvider.NAME -> withBaseUrls(url, gateioBaseUrl);
        case GateioProvider.NAME -> withBaseUrls(binanceBaseUrl, url);
        default -> withBaseUrl(venue, url);
      };
    }

    /** The venue's API base: the one set, else its default. */
    public URI baseUrl(String venue, String defaultUrl) {
      return baseUrls.getOrDefault(venue, URI.create(defaultUrl));
    }

    public Options withBaseUrls(URI binance, URI gateio) {
      return new Options(binance, gateio, folder, syntheticSpec, retry, sleeper, totalTimeout, baseUrls);
    }

    public Options withFolder(Path newFolder) {
      return new Options(binanceBaseUrl, gateioBaseUrl, newFolder, syntheticSpec, retry, sleeper, totalTimeout,
          baseUrls);
    }

    public Options withSyntheticSpec(SyntheticMarket.Spec spec) {
      return new Options(binanceBaseUrl, gateioBaseUrl, folder, spec, retry, sleeper, totalTimeout, baseUrls);
    }

    public Options withRetry(RetryPolicy newRetry, Sleeper newSleeper) {
      return new Options(binanceBaseUrl, gateioBaseUrl, folder, syntheticSpec, newRetry, newSleeper, totalTimeout,
          baseUrls);
    }

    /** Every request of the fetch together within {@code timeout} from when the provider is created. */
    public Options withTotalTimeout(Duration timeout) {
      return new Options(binanceBaseUrl, gateioBaseUrl, folder, syntheticSpec, retry, sleeper, timeout, baseUrls);
    }

    HttpJson http() {
      return new HttpJson(retry, sleeper, totalTimeout);
    }
  }

  private static final Map<String, Function<Options, DataProvider>> FACTORIES = new TreeMap<>();

  static {
    register(BinanceProvider.NAME, o -> new FallbackProvider(
        new BinanceProvider(o.binanceBaseUrl(), o.http()),
        new GateioProvider(o.gateioBaseUrl(), o.http())));
    register(GateioProvider.NAME, o -> new GateioProvider(o.gateioBaseUrl(), o.http()));
    register(CsvFolderProvider.NAME, o -> {
      if (o.folder() == null) {
        throw new io.momentic.core.ConfigException("folder", "the csv provider needs a folder; fix: pass --folder DIR");
      }
      return new CsvFolderProvider(o.folder(), CsvFolderProvider.NAME);
    });
    register(MassiveProvider.NAME, o -> MassiveProvider.fromEnvironment(
        o.baseUrl(MassiveProvider.NAME, MassiveProvider.DEFAULT_BASE_URL), o.http()));
    register(AlpacaProvider.NAME, o -> AlpacaProvider.fromEnvironment(
        o.baseUrl(AlpacaProvider.NAME, AlpacaProvider.DEFAULT_BASE_URL), o.http()));
    register(SyntheticProvider.NAME, o -> new SyntheticProvider(o.syntheticSpec() != null ? o.syntheticSpec()
        : SyntheticMarket.Spec.gbmUniverse(10, 1500, 7)));
  }

  private DataProviders() {}

  public static synchronized void register(String name, Function<Options, DataProvider> factory) {
    FACTORIES.put(name, factory);
  }

  public static synchronized java.util.Set<String> names() {
    return java.util.Set.copyOf(FACTORIES.keySet());
  }

  /**
   * The symbols of a venue's universe: Binance's USDT pairs with 24 h quote volume at least
   * {@code minQuoteVolume}, largest first; for any other venue every symbol its provider has.
   * At most {@code top} (0: all).
   */
  public static List<String> universe(String name, DataProvider provider, Options options, double minQuoteVolume,
      int top) {
    if (name.equals(BinanceProvider.NAME)) {
      return new BinanceUniverse(options.binanceBaseUrl(), options.http())
          .build(minQuoteVolume, top).stream().map(BinanceUniverse.Member::symbol).toList();
    }
    List<String> all = provider.symbols();
    return top > 0 && all.size() > top ? all.subList(0, top) : all;
  }

  /** Binance's USDT pairs not trading (its delisting notices, {@link BinanceUniverse#notTrading}). */
  public static Map<String, String> binanceNotTrading(Options options) {
    return new BinanceUniverse(options.binanceBaseUrl(), options.http()).notTrading();
  }

  /** The provider registered under {@code name}. */
  public static synchronized DataProvider create(String name, Options options) {
    Function<Options, DataProvider> factory = FACTORIES.get(name);
    if (factory == null) {
      throw new io.momentic.core.ConfigException("venue", "Unknown venue '" + name + "'; expected one of " + FACTORIES.keySet());
    }
    return factory.apply(options);
  }
}
