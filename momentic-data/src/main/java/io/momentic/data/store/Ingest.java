package io.momentic.data.store;

import io.momentic.core.BarSeries;
import io.momentic.core.Interval;
import io.momentic.core.Symbols;
import io.momentic.data.BarRules;
import io.momentic.data.provider.DataProvider;
import io.momentic.data.provider.FallbackProvider;
import io.momentic.data.provider.FetchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.IntConsumer;

/**
 * Incremental ingestion: for each symbol, ask the provider only for bars after the newest stored
 * one (or from {@code since} when nothing is stored), and write what comes back as one batch. A
 * symbol that fails is reported and the others go on; nothing already stored is touched.
 */
public final class Ingest {

  /** What happened to one symbol. {@code venue} is who served it (Gate.io for a Binance fallback). */
  public record Outcome(String symbol, String venue, int added, long firstNewMillis, long lastMillis, long storedBars,
      String error) {
    public boolean failed() {
      return error != null;
    }
  }

  private Ingest() {}

  public static List<Outcome> run(BarStore store, DataProvider provider, List<String> symbols, Interval interval,
      long sinceMillis, long nowMillis, IntConsumer progress) {
    List<Outcome> outcomes = new ArrayList<>();
    List<String> venues = new ArrayList<>(List.of(provider.name()));
    if (provider instanceof FallbackProvider f) {
      venues.add(f.fallback().name());
    }
    int done = 0;
    for (String symbol : symbols) {
      Optional<String> bad = Symbols.problem(symbol);
      if (bad.isPresent()) { // a symbol from an exchange listing or a config names export files later
        outcomes.add(new Outcome(symbol, provider.name(), 0, 0, 0, 0, "expected a symbol (" + Symbols.RULE
            + "), found " + Symbols.quoted(symbol) + ": " + bad.get()));
        progress.accept(++done);
        continue;
      }
      long start = sinceMillis;
      for (String venue : venues) {
        OptionalLong last = store.lastOpenTime(venue, symbol, interval);
        if (last.isPresent()) {
          start = Math.max(start, last.getAsLong() + interval.millis());
        }
      }
      try {
        BarSeries fresh = provider.fetch(symbol, interval, start, nowMillis);
        String venue = fresh.instrument().venue();
        // The gate every provider's bars pass before the store, as file rows do when read.
        Optional<String> broken = BarRules.check(fresh);
        if (broken.isPresent()) {
          throw new FetchException(venue + " sent an invalid bar for " + symbol + ": " + broken.get()
              + "; nothing of " + symbol + " was stored", null);
        }
        int added = 0;
        if (!fresh.isEmpty()) {
          added = store.upsert(fresh).inserted();
        }
        store.recordFetch(venue, symbol, interval, nowMillis, added);
        outcomes.add(new Outcome(symbol, venue, added, fresh.isEmpty() ? 0 : fresh.firstTime(),
            store.lastOpenTime(venue, symbol, interval).orElse(0), store.count(venue, symbol, interval), null));
      } catch (FetchException | StoreException | IllegalArgumentException e) { // one symbol fails alone
        outcomes.add(new Outcome(symbol, provider.name(), 0, 0, 0, 0, e.getMessage()));
      }
      progress.accept(++done);
    }
    return outcomes;
  }
}
