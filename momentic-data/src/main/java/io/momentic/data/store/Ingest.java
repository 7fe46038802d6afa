package io.momentic.data.store;

import io.momentic.core.BarSeries;
import io.momentic.core.Interval;
import io.momentic.core.Symbols;
import io.momentic.data.BarRules;
import io.momentic.data.provider.BatchDataProvider;
import io.momentic.data.provider.DataProvider;
import io.momentic.data.provider.FallbackProvider;
import io.momentic.data.provider.FetchException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
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
    Map<String, Object> batched = provider instanceof BatchDataProvider batch
        ? prefetch(store, batch, symbols, venues, interval, sinceMillis, nowMillis) : Map.of();
    int done = 0;
    for (String symbol : symbols) {
      Optional<String> bad = Symbols.problem(symbol);
      if (bad.isPresent()) { // a symbol from an exchange listing or a config names export files later
        outcomes.add(new Outcome(symbol, provider.name(), 0, 0, 0, 0, "expected a symbol (" + Symbols.RULE
            + "), found " + Symbols.quoted(symbol) + ": " + bad.get()));
        progress.accept(++done);
        continue;
      }
      long start = startFor(store, symbol, venues, interval, sinceMillis);
      try {
        BarSeries fresh;
        Object got = batched.get(symbol);
        if (got instanceof RuntimeException e) {
          throw e;
        } else if (got instanceof BarSeries b) {
          fresh = b;
        } else if (provider instanceof BatchDataProvider) {
          if (store.lastOpenTime(provider.name(), symbol, interval).isEmpty()) {
            throw new FetchException(provider.name() + " has no bars for " + symbol + " since "
                + io.momentic.core.Timestamps.formatDate(start) + " (an unknown symbol?)", null);
          }
          fresh = BarSeries.builder(io.momentic.core.Instrument.of(symbol, provider.name(),
              io.momentic.core.AssetClass.EQUITY), interval).build(); // nothing new since the last fetch
        } else {
          fresh = provider.fetch(symbol, interval, start, nowMillis);
        }
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

  /** Bars are asked for after the newest stored one of any venue that serves the symbol. */
  private static long startFor(BarStore store, String symbol, List<String> venues, Interval interval, long since) {
    long start = since;
    for (String venue : venues) {
      OptionalLong last = store.lastOpenTime(venue, symbol, interval);
      if (last.isPresent()) {
        start = Math.max(start, last.getAsLong() + interval.millis());
      }
    }
    return start;
  }

  /**
   * One batch call per group of symbols that start at the same bar (after a daily refresh, all of
   * them): each symbol's bars, or the error the batch failed with (every symbol of it then fails).
   */
  private static Map<String, Object> prefetch(BarStore store, BatchDataProvider provider, List<String> symbols,
      List<String> venues, Interval interval, long since, long now) {
    Map<Long, List<String>> byStart = new TreeMap<>();
    for (String s : symbols) {
      if (Symbols.problem(s).isEmpty()) {
        byStart.computeIfAbsent(startFor(store, s, venues, interval, since), k -> new ArrayList<>()).add(s);
      }
    }
    Map<String, Object> out = new HashMap<>();
    byStart.forEach((start, group) -> {
      try {
        Map<String, BarSeries> got = provider.fetchAll(group, interval, start, now);
        got.forEach(out::put);
      } catch (FetchException | IllegalArgumentException e) {
        group.forEach(s -> out.put(s, e));
      }
    });
    return out;
  }
}
