package io.momentic.workflow.regime;

import io.momentic.analytics.hmm.UnivariateHmm;
import io.momentic.analytics.regime.RegimeFeed;
import io.momentic.core.AtomicFiles;
import io.momentic.core.BarSeries;
import io.momentic.core.Timestamps;
import io.momentic.data.BarFiles;
import io.momentic.data.LoadOptions;
import io.momentic.report.Json;
import io.momentic.report.page.Pages;
import io.momentic.report.page.RegimeView;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The regime workflows: the dashboard feed of a drawdown HMM and its page (reference {@code 004} §4.12). */
public final class RegimeRuns {

  private RegimeRuns() {}

  /** {@code momentic regime feed}: daily bars of one instrument, the model, the asset name and the build date. */
  public record FeedRequest(Path data, LoadOptions load, String asset, UnivariateHmm.Settings settings,
      LocalDate generatedAt, Path outDir) {}

  /** The feed document and the two files written. */
  public record FeedRecord(Map<String, Object> feed, String assetName, Path feedFile, Path page) {}

  public static FeedRecord feed(FeedRequest r) throws IOException {
    BarSeries series = BarFiles.read(r.data(), r.load()).single();
    String name = r.asset() != null ? r.asset() : series.instrument().symbol();
    Map<String, Object> feed = RegimeFeed.build(name, dates(series), series.closes(), r.settings(), r.generatedAt());
    String json = Json.compactInOrder(feed); // the feed's key order is the dashboard contract's
    Path feedFile = AtomicFiles.writeString(r.outDir().resolve("feed.json"), json);
    Path page = AtomicFiles.writeString(r.outDir().resolve("regime.html"), Pages.regime(RegimeView.of(feed, json)));
    return new FeedRecord(feed, name, feedFile, page);
  }

  /** The calendar dates of a daily series. */
  public static List<LocalDate> dates(BarSeries series) {
    List<LocalDate> dates = new ArrayList<>(series.size());
    for (int i = 0; i < series.size(); i++) {
      dates.add(LocalDate.parse(Timestamps.formatDate(series.time(i))));
    }
    return dates;
  }
}
