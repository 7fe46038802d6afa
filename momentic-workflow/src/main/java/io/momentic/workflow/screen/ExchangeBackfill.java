package io.momentic.workflow.screen;

import io.momentic.data.CachedExchangeResolver;
import io.momentic.data.ExchangeResolver;
import io.momentic.data.UniverseFile;
import io.momentic.workflow.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reference {@code 000} §9's one-off backfill ({@code build_tv_map.py}): every name of a universe
 * through the exchange map, asking the online resolver only for names the map and the universe's
 * own {@code exchange} column do not know. Failures are listed and never stored, so running it
 * again retries exactly them. The map is saved every {@link #SAVE_EVERY} names, so an interrupted
 * backfill keeps what it learned.
 */
public final class ExchangeBackfill {

  static final int SAVE_EVERY = 50;

  /** What the backfill did: names known before, learned now, unknown to the resolver, failed (with why). */
  public record Result(Path map, int known, int learned, List<String> unknown, List<CachedExchangeResolver.Lookup> failed,
      int mapSize) {

    public int total() {
      return known + learned + unknown.size() + failed.size();
    }
  }

  private ExchangeBackfill() {}

  public static Result run(UniverseFile universe, Path mapFile, ExchangeResolver online, Progress progress) {
    CachedExchangeResolver cache = CachedExchangeResolver.open(mapFile, universe.exchanges().orElse(online));
    List<String> symbols = universe.symbols();
    progress.start("resolving exchanges", symbols.size());
    int known = 0;
    int learned = 0;
    List<String> unknown = new ArrayList<>();
    List<CachedExchangeResolver.Lookup> failed = new ArrayList<>();
    for (int i = 0; i < symbols.size(); i++) {
      CachedExchangeResolver.Lookup l = cache.lookup(symbols.get(i));
      switch (l.source()) {
        case MAP -> known++;
        case LEARNED -> learned++;
        case UNKNOWN -> unknown.add(l.symbol());
        case FAILED -> failed.add(l);
      }
      if ((i + 1) % SAVE_EVERY == 0) {
        cache.save();
      }
      progress.accept(i + 1);
    }
    cache.save();
    return new Result(mapFile, known, learned, List.copyOf(unknown), List.copyOf(failed), cache.entries().size());
  }
}
