package io.momentic.data.provider;

import io.momentic.core.BarSeries;
import io.momentic.core.Instrument;
import io.momentic.core.Interval;
import io.momentic.data.SyntheticMarket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seeded synthetic market behind the provider port: the same spec gives the same bars, and a
 * later "now" only reveals more of the same history (bars are generated once, then cut at now).
 */
public final class SyntheticProvider implements DataProvider {

  public static final String NAME = "synthetic";

  private final Map<String, BarSeries> bySymbol = new LinkedHashMap<>();
  private final Interval interval;

  public SyntheticProvider(SyntheticMarket.Spec spec) {
    this.interval = spec.interval();
    for (BarSeries s : SyntheticMarket.generate(spec)) {
      bySymbol.put(s.symbol(), s.withInstrument(new Instrument(s.symbol(), NAME, s.instrument().assetClass(),
          s.instrument().wholeUnits())));
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> symbols() {
    return List.copyOf(bySymbol.keySet());
  }

  @Override
  public BarSeries fetch(String symbol, Interval requested, long sinceMillis, long nowMillis) {
    BarSeries all = bySymbol.get(symbol);
    if (all == null) {
      throw new SymbolNotFoundException("The synthetic market has no " + symbol + "; it has " + bySymbol.keySet());
    }
    if (requested != interval) {
      throw new io.momentic.core.ConfigException("interval", "The synthetic market was generated at " + interval.code() + ", not "
          + requested.code());
    }
    return DataProvider.closedSince(all, sinceMillis, nowMillis);
  }
}
