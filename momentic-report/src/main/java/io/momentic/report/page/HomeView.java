package io.momentic.report.page;

import java.util.List;

/**
 * The server's home page: links, data freshness per venue and interval, and the last pipeline run.
 *
 * @param lastRun null before the first pipeline run
 */
public record HomeView(Chrome chrome, List<Freshness> freshness, LastRun lastRun) {

  public record Freshness(String venue, String interval, String symbols, String bars, String newestBar,
      String stalestSymbolBar, long intervalsBehind, String lastFetch) {

    public boolean stale() {
      return intervalsBehind > 1;
    }
  }

  public record LastRun(String startedAt, String outcome, List<Step> steps) {}

  public record Step(String name, String outcome, String millis, String detail) {}
}
