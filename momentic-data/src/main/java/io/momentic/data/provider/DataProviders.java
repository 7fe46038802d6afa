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
 * fallback for pairs Binance does not list), {@code gateio}, {@code csv} (a folder) and
 * {@code synthetic}. New providers register a factory under a new name.
 */
public final class DataProviders {

  /** What a factory may need; unused fields are ignored. */
  public record Options(URI binanceBaseUrl, URI gateioBaseUrl, Path folder, SyntheticMarket.Spec syntheticSpec,
      RetryPolicy retry, Sleeper sleeper, Duration totalTimeout) {

    public static Options defaults() {
      return new Options(URI.create(BinanceProvider.DEFAULT_BASE_URL), URI.create(GateioProvider.DEFAULT_BASE_URL),
          null, null, RetryPolicy.DEFAULT, Sleeper.SYSTEM, null);
    }

    public Options withBaseUrls(URI binance, URI gateio) {
      return new Options(binance, gateio, folder, syntheticSpec, retry, sleeper, totalTimeout);
    }

    public Options withFolder(Path newFolder) {
      return new Options(binanceBaseUrl, gateioBaseUrl, newFolder, syntheticSpec, retry, sleeper, totalTimeout);
    }

    public Options withSyntheticSpec(SyntheticMarket.Spec spec) {
      return new Options(binanceBaseUrl, gateioBaseUrl, folder, spec, retry, sleeper, totalTimeout);
    }

    public Options withRetry(RetryPolicy newRetry, Sleeper newSleeper) {
      return new Options(binanceBaseUrl, gateioBaseUrl, folder, syntheticSpec, newRetry, newSleeper, totalTimeout);
    }

    /** Every request of the fetch together within {@code timeout} from when the provider is created. */
    public Options withTotalTimeout(Duration timeout) {
      return new Options(binanceBaseUrl, gateioBaseUrl, folder, syntheticSpec, retry, sleeper, timeout);
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

  /** The provider registered under {@code name}. */
  public static synchronized DataProvider create(String name, Options options) {
    Function<Options, DataProvider> factory = FACTORIES.get(name);
    if (factory == null) {
      throw new io.momentic.core.ConfigException("venue", "Unknown venue '" + name + "'; expected one of " + FACTORIES.keySet());
    }
    return factory.apply(options);
  }
}
