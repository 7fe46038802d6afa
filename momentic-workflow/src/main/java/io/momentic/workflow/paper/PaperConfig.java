package io.momentic.workflow.paper;

import static io.momentic.workflow.config.ConfigFiles.require;

import io.momentic.paper.runtime.SlotSpec;
import io.momentic.workflow.config.ConfigFiles;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A paper-trading config ({@code config/paper.toml}) bound (see {@link ConfigFiles}): a
 * {@code [paper]} table for the runtime and one {@code [[strategy]]} table per strategy. A
 * strategy's keys are its backtest's — a strategy config file to start from ({@code config}), then
 * the name, data, cash, costs, fill timing, start and {@code params} over it — so the paper run
 * trades exactly what {@code momentic backtest} with the same settings would.
 */
public record PaperConfig(Paper paper, List<Strategy> strategy) {

  public static final String EXAMPLE = "config/paper.toml in the repository";

  public PaperConfig {
    paper = paper == null ? new Paper(null, null, null, null, null, null, null, null, null) : paper;
    strategy = strategy == null ? List.of() : List.copyOf(strategy);
    require(!strategy.isEmpty(), "strategy", "at least one [[strategy]] table", "none",
        "add [[strategy]] with id, strategy and data");
    Set<String> ids = new HashSet<>();
    for (Strategy s : strategy) {
      require(ids.add(s.id()), "id", "each strategy id once", s.id() + " twice", "give each [[strategy]] its own id");
    }
  }

  /**
   * {@code [paper]}: {@code state}, the folder of the journal and the venue accounts (default
   * {@code state/paper} in the workspace); {@code feed}, {@code "replay"} (the strategies' stored
   * bars, in time order) or {@code "store"} (the bar store as the pipeline writes closed bars:
   * a bar is decided {@code settle_seconds} after its close, default 60; the store is read every
   * {@code poll_seconds}, default 30); {@code speed}, bars a second for a replay (0: as fast as it goes); the
   * promotion gate of {@code paper compare}: {@code min_agreement} (default 0.95) and
   * {@code max_trade_count_delta} (default 0.10); {@code webhook_url}, a Slack-compatible incoming
   * webhook for alerts on incidents and dust that could not be closed (else {@code MOMENTIC_WEBHOOK_URL}).
   */
  public record Paper(String state, String feed, Double speed, Double minAgreement, Double maxTradeCountDelta,
      String webhookUrl, Long settleSeconds, Long pollSeconds, Risk risk) {
    public Paper {
      risk = risk == null ? new Risk(null, null, null, null, null, null, null, null, null) : risk;
      state = state == null ? "state/paper" : state;
      feed = feed == null ? "replay" : feed;
      require(feed.equals("replay") || feed.equals("store"), "feed", "\"replay\" or \"store\"", feed,
          "use feed = \"replay\" (stored bars in time order) or \"store\" (the bar store as bars close)");
      settleSeconds = settleSeconds == null ? 60L : settleSeconds;
      require(settleSeconds >= 0, "settle_seconds", "seconds >= 0", settleSeconds, "e.g. 60");
      pollSeconds = pollSeconds == null ? 30L : pollSeconds;
      require(pollSeconds >= 1, "poll_seconds", "seconds >= 1", pollSeconds, "e.g. 30");
      speed = speed == null ? 0.0 : speed;
      require(speed >= 0 && Double.isFinite(speed), "speed", "bars a second >= 0 (0: as fast as it goes)",
          String.valueOf(speed), "give a number such as 10");
      minAgreement = minAgreement == null ? 0.95 : minAgreement;
      require(minAgreement >= 0 && minAgreement <= 1, "min_agreement", "a share in [0, 1]",
          String.valueOf(minAgreement), "e.g. 0.95");
      maxTradeCountDelta = maxTradeCountDelta == null ? 0.10 : maxTradeCountDelta;
      require(maxTradeCountDelta >= 0 && Double.isFinite(maxTradeCountDelta), "max_trade_count_delta",
          "a share >= 0", String.valueOf(maxTradeCountDelta), "e.g. 0.10 for ±10 %");
      require(webhookUrl == null || webhookUrl.startsWith("https://") || webhookUrl.startsWith("http://"),
          "webhook_url", "an http(s) URL", webhookUrl, "paste the incoming webhook's URL");
    }
  }

  /**
   * {@code [paper.risk]}: {@code max_gross} (a strategy's gross exposure after an order, × its
   * equity; 0 = only the venue's leverage cap), {@code max_book_gross} (all strategies together),
   * per strategy and minute {@code orders_per_minute} (30), {@code rejects_per_minute} (5),
   * {@code cancels_per_minute} (30), {@code unknown_per_minute} (5); {@code stale_grace_seconds}
   * (60: no decision on a bar older than two intervals plus this); {@code breaker_failures} (5
   * transient failures in a row open the circuit breaker) and {@code cool_down_seconds} (30).
   */
  public record Risk(Double maxGross, Double maxBookGross, Integer ordersPerMinute, Integer rejectsPerMinute,
      Integer cancelsPerMinute, Integer unknownPerMinute, Long staleGraceSeconds, Integer breakerFailures,
      Long coolDownSeconds) {
    public Risk {
      io.momentic.paper.runtime.RiskSettings d = io.momentic.paper.runtime.RiskSettings.DEFAULT;
      maxGross = maxGross == null ? d.maxGross() : maxGross;
      maxBookGross = maxBookGross == null ? d.maxPortfolioGross() : maxBookGross;
      ordersPerMinute = ordersPerMinute == null ? d.velocity().orders() : ordersPerMinute;
      rejectsPerMinute = rejectsPerMinute == null ? d.velocity().rejects() : rejectsPerMinute;
      cancelsPerMinute = cancelsPerMinute == null ? d.velocity().cancels() : cancelsPerMinute;
      unknownPerMinute = unknownPerMinute == null ? d.velocity().unknown() : unknownPerMinute;
      staleGraceSeconds = staleGraceSeconds == null ? d.staleGraceMillis() / 1000 : staleGraceSeconds;
      breakerFailures = breakerFailures == null ? d.breakerThreshold() : breakerFailures;
      coolDownSeconds = coolDownSeconds == null ? d.coolDownMillis() / 1000 : coolDownSeconds;
      require(maxGross >= 0 && maxBookGross >= 0, "max_gross", "a multiple of equity >= 0 (0: no limit)",
          maxGross + " / " + maxBookGross, "e.g. 1.5");
      require(ordersPerMinute >= 0 && rejectsPerMinute >= 0 && cancelsPerMinute >= 0 && unknownPerMinute >= 0,
          "orders_per_minute", "counts >= 0 (0: no limit)", "a negative count", "e.g. 30");
      require(staleGraceSeconds >= 0, "stale_grace_seconds", "seconds >= 0", staleGraceSeconds, "e.g. 60");
      require(breakerFailures >= 1, "breaker_failures", "at least 1", breakerFailures, "e.g. 5");
      require(coolDownSeconds >= 0, "cool_down_seconds", "seconds >= 0", coolDownSeconds, "e.g. 30");
    }

    /** The runtime's settings. */
    public io.momentic.paper.runtime.RiskSettings settings() {
      io.momentic.paper.runtime.RiskSettings d = io.momentic.paper.runtime.RiskSettings.DEFAULT;
      return new io.momentic.paper.runtime.RiskSettings(new io.momentic.paper.runtime.VelocityLimits.Limits(60_000,
          ordersPerMinute, rejectsPerMinute, cancelsPerMinute, unknownPerMinute), maxGross, staleGraceSeconds * 1000,
          d.maxRetries(), d.backoffBaseMillis(), d.backoffCapMillis(), breakerFailures, coolDownSeconds * 1000,
          d.seed(), maxBookGross);
    }
  }

  /**
   * One {@code [[strategy]]}; every key but {@code id} may be absent (then the config file's, then
   * the default). {@code store_venue} and {@code interval} take its bars from the bar store (the
   * {@code symbols} of that venue) instead of {@code data} files. {@code venue} is where it trades:
   * {@code "paper"} (default: the backtest's execution core) or {@code "binance-spot"}
   * ({@code base_url}, default Binance's spot testnet; keys from {@code BINANCE_API_KEY} and
   * {@code BINANCE_API_SECRET}).
   */
  public record Strategy(String id, String config, String strategy, List<String> data, List<String> symbols,
      Double cash, String commission, Double slippageBps, String fill, String start, String end,
      Map<String, Object> params, String description, String storeVenue, String interval, String venue,
      String baseUrl) {
    public Strategy {
      require(id != null, "id", "an id for the strategy (letters, digits, _; it is part of every order id)", "none",
          "add id = \"sma_fast\", say");
      require(SlotSpec.ID.matcher(id).matches(), "id", "1-16 letters, digits or _ (exchange order ids are short)",
          id, "shorten it, e.g. \"sma_fast\"");
      data = data == null ? List.of() : List.copyOf(data);
      symbols = symbols == null ? List.of() : List.copyOf(symbols);
      params = params == null ? Map.of() : Map.copyOf(params);
      require(storeVenue == null || data.isEmpty(), "data", "bars from the store (store_venue) or from files (data), "
          + "not both", "both", "drop one of them");
      require(storeVenue == null || !symbols.isEmpty(), "symbols", "the store's symbols to trade with store_venue",
          "none", "add symbols = [\"BTCUSDT\"], say");
      interval = interval == null ? "1d" : interval;
      io.momentic.core.Interval.parse(interval);
      venue = venue == null ? "paper" : venue;
      require(venue.equals("paper") || venue.equals("binance-spot"), "venue", "\"paper\" or \"binance-spot\"", venue,
          "use venue = \"paper\" (the backtest's execution core) or \"binance-spot\"");
      require(baseUrl == null || baseUrl.startsWith("https://") || baseUrl.startsWith("http://"), "base_url",
          "an http(s) URL", baseUrl, "e.g. https://testnet.binance.vision");
    }
  }

  public static PaperConfig read(Path file) {
    return ConfigFiles.read(file, PaperConfig.class, EXAMPLE);
  }
}
