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
    paper = paper == null ? new Paper(null, null, null, null, null, null) : paper;
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
   * bars, in time order); {@code speed}, bars a second for a replay (0: as fast as it goes); the
   * promotion gate of {@code paper compare}: {@code min_agreement} (default 0.95) and
   * {@code max_trade_count_delta} (default 0.10); {@code webhook_url}, a Slack-compatible incoming
   * webhook for alerts on incidents and dust that could not be closed (else {@code MOMENTIC_WEBHOOK_URL}).
   */
  public record Paper(String state, String feed, Double speed, Double minAgreement, Double maxTradeCountDelta,
      String webhookUrl) {
    public Paper {
      state = state == null ? "state/paper" : state;
      feed = feed == null ? "replay" : feed;
      require(feed.equals("replay"), "feed", "\"replay\"", feed, "use feed = \"replay\" (stored bars in time order)");
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

  /** One {@code [[strategy]]}; every key but {@code id} may be absent (then the config file's, then the default). */
  public record Strategy(String id, String config, String strategy, List<String> data, List<String> symbols,
      Double cash, String commission, Double slippageBps, String fill, String start, String end,
      Map<String, Object> params, String description) {
    public Strategy {
      require(id != null, "id", "an id for the strategy (letters, digits, _; it is part of every order id)", "none",
          "add id = \"sma_fast\", say");
      require(SlotSpec.ID.matcher(id).matches(), "id", "1-16 letters, digits or _ (exchange order ids are short)",
          id, "shorten it, e.g. \"sma_fast\"");
      data = data == null ? List.of() : List.copyOf(data);
      symbols = symbols == null ? List.of() : List.copyOf(symbols);
      params = params == null ? Map.of() : Map.copyOf(params);
    }
  }

  public static PaperConfig read(Path file) {
    return ConfigFiles.read(file, PaperConfig.class, EXAMPLE);
  }
}
