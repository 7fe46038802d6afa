package io.momentic.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.momentic.core.ConfigException;
import io.momentic.core.Panel;
import io.momentic.data.BarFiles;
import io.momentic.data.CanonicalCsv;
import io.momentic.data.LoadedBars;
import io.momentic.data.Timestamps;
import io.momentic.engine.BacktestConfig;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.FeeModel;
import io.momentic.engine.Fill;
import io.momentic.engine.FillTiming;
import io.momentic.engine.SlippageModel;
import io.momentic.engine.Trade;
import io.momentic.strategies.StrategyRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code momentic backtest}: one strategy over one data file, with a fee-stress run beside it. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = "Backtest a built-in strategy on a bar file (any supported layout). Writes equity.csv, trades.csv, "
        + "fills.csv, metrics.json and manifest.json to <workspace>/data/results/<run-id>/ (or --out).")
final class BacktestCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Bar file.")
  Path data;

  @Mixin
  LoadMixin load;

  @Option(names = "--strategy", required = true, paramLabel = "NAME", description = "buy-and-hold or sma-cross.")
  String strategy;

  @Option(names = "--param", paramLabel = "K=V", description = "Strategy parameter (repeatable), e.g. fast=10.")
  Map<String, String> params = new LinkedHashMap<>();

  @Option(names = "--cash", defaultValue = "10000", description = "Initial cash (default ${DEFAULT-VALUE}).")
  double cash;

  @Option(names = "--commission", defaultValue = "0", paramLabel = "RATE|FIXED+RATE",
      description = "Per-side fee: a rate of notional (0.001 = 10 bps) or fixed+rate (1+0.001). Default ${DEFAULT-VALUE}.")
  String commission;

  @Option(names = "--slippage-bps", defaultValue = "0", description = "Slippage against the trader, bps (default ${DEFAULT-VALUE}).")
  double slippageBps;

  @Option(names = "--fill", defaultValue = "next-open", description = "next-open (default) or close (same-bar close, optimistic).")
  String fill;

  @Option(names = "--close-at-end", description = "Close open positions at the last close.")
  boolean closeAtEnd;

  @Option(names = "--fee-stress", defaultValue = "1.5", paramLabel = "K",
      description = "Multiplier for the fee-stress run beside every run (default ${DEFAULT-VALUE}).")
  double feeStress;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: <workspace>/data/results/<run-id>.")
  Path out;

  @Option(names = "--json", description = "Print the metrics as JSON on stdout.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    LoadedBars bars = BarFiles.read(data, load.options());
    Panel panel = bars.toPanel();
    BacktestConfig config = BacktestConfig.of(positiveCash())
        .withFees(parseCommission(commission))
        .withSlippage(SlippageModel.bps(checkSlippage()))
        .withFillTiming(parseFill(fill))
        .withCloseAtEnd(closeAtEnd);
    if (!(feeStress >= 1)) {
      throw new ConfigException("fee-stress", "expected a multiplier >= 1, found " + feeStress);
    }
    double ppy = panel.interval().periodsPerYear(panel.instruments().get(0).calendar());
    BacktestResult result = BacktestEngine.run(panel, StrategyRegistry.create(strategy, params), config);
    BacktestResult stressed = BacktestEngine.run(panel, StrategyRegistry.create(strategy, params),
        config.withFees(config.fees().scaled(feeStress)));

    Map<String, Object> metrics = RunReport.metrics(result, ppy);
    Map<String, Object> stress = RunReport.metrics(stressed, ppy);
    Map<String, Object> stressSummary = new LinkedHashMap<>();
    stressSummary.put("factor", feeStress);
    for (String k : List.of("final_equity", "total_return_pct", "sharpe", "max_drawdown_pct", "profit_factor", "fees")) {
      stressSummary.put(k, stress.get(k));
    }
    metrics.put("fill", fill);
    metrics.put("fee_stress", stressSummary);

    String dataHash = sha256(Files.readAllBytes(data));
    Map<String, Object> manifest = new TreeMap<>();
    manifest.put("strategy", strategy);
    manifest.put("params", new TreeMap<>(params));
    manifest.put("data_file", data.toString());
    manifest.put("data_sha256", dataHash);
    manifest.put("data_layout", bars.layout().code());
    manifest.put("interval", bars.interval().code());
    manifest.put("cash", cash);
    manifest.put("commission", commission);
    manifest.put("slippage_bps", slippageBps);
    manifest.put("fill_model", parseFill(fill) == FillTiming.NEXT_OPEN ? "decide at close t, fill at open t+1"
        : "fill at the close of the decision bar (optimistic)");
    manifest.put("close_at_end", closeAtEnd);
    manifest.put("fee_stress_factor", feeStress);
    manifest.put("seed", null);
    manifest.put("code_version", MomenticCommand.version());
    String runId = strategy + "-" + sha256((manifest.toString()).getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    manifest.put("run_id", runId);

    Path dir = out != null ? out : root.workspace().results().resolve(runId);
    Files.createDirectories(dir);
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
        .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    Files.writeString(dir.resolve("metrics.json"), mapper.writeValueAsString(metrics) + "\n");
    Files.writeString(dir.resolve("manifest.json"), mapper.writeValueAsString(manifest) + "\n");
    writeEquity(dir.resolve("equity.csv"), result);
    writeFills(dir.resolve("fills.csv"), result);
    writeTrades(dir.resolve("trades.csv"), result);

    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      o.println(mapper.writeValueAsString(metrics));
    } else {
      o.println(strategy + " on " + data.getFileName() + " (" + panel.size() + " bars, " + bars.interval().code()
          + ", " + (int) ppy + " periods/yr), fill " + fill);
      o.printf(java.util.Locale.ROOT, "final equity %.2f (%.2f%%), CAGR %.2f%%, Sharpe %.2f, max drawdown %.2f%%, "
              + "%d trades, win rate %.1f%%, fees %.2f%n", result.finalEquity(), metrics.get("total_return_pct"),
          metrics.get("cagr_pct"), metrics.get("sharpe"), metrics.get("max_drawdown_pct"), result.trades().size(),
          metrics.get("win_rate_pct"), result.totalFees());
      o.printf(java.util.Locale.ROOT, "fee stress x%.2f: final equity %.2f, Sharpe %.2f%n", feeStress,
          stressed.finalEquity(), stress.get("sharpe"));
      o.println("outputs: " + dir);
    }
    return Main.EXIT_OK;
  }

  private double positiveCash() {
    if (!(cash > 0) || Double.isInfinite(cash)) {
      throw new ConfigException("cash", "expected a finite amount > 0, found " + cash);
    }
    return cash;
  }

  private double checkSlippage() {
    if (!(slippageBps >= 0)) {
      throw new ConfigException("slippage-bps", "expected >= 0, found " + slippageBps);
    }
    return slippageBps;
  }

  static FeeModel parseCommission(String text) {
    try {
      String t = text.strip();
      int plus = t.indexOf('+', 1);
      double fixed = plus > 0 ? Double.parseDouble(t.substring(0, plus)) : 0;
      double rate = Double.parseDouble(plus > 0 ? t.substring(plus + 1) : t);
      if (!(fixed >= 0) || !(rate >= 0) || rate >= 1) {
        throw new NumberFormatException();
      }
      return fixed == 0 && rate == 0 ? FeeModel.ZERO : FeeModel.fixedPlusRate(fixed, rate);
    } catch (NumberFormatException e) {
      throw new ConfigException("commission", "expected RATE (e.g. 0.001) or FIXED+RATE (e.g. 1+0.001), with "
          + "0 <= rate < 1 and fixed >= 0, found '" + text + "'");
    }
  }

  static FillTiming parseFill(String text) {
    return switch (text) {
      case "next-open" -> FillTiming.NEXT_OPEN;
      case "close" -> FillTiming.SAME_CLOSE;
      default -> throw new ConfigException("fill", "expected next-open or close, found '" + text + "'");
    };
  }

  private static void writeEquity(Path file, BacktestResult r) throws IOException {
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write("timestamp,equity_value,cash,exposure,drawdown\n");
      double peak = r.initialCash();
      for (int t = 0; t < r.equity().length; t++) {
        peak = Math.max(peak, r.equity()[t]);
        w.write(Timestamps.format(r.times()[t]) + "," + num(r.equity()[t]) + "," + num(r.cash()[t]) + ","
            + num(r.exposure()[t]) + "," + num(r.equity()[t] / peak - 1) + "\n");
      }
    }
  }

  private static void writeFills(Path file, BacktestResult r) throws IOException {
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write("timestamp,instrument,side,quantity,price,gross_value,fees,slippage_cost,reason\n");
      for (Fill f : r.fills()) {
        w.write(Timestamps.format(f.timeMillis()) + "," + f.instrument() + "," + f.action() + "," + num(f.quantity())
            + "," + num(f.price()) + "," + num(f.grossValue()) + "," + num(f.fee()) + "," + num(f.slippageCost()) + ","
            + f.reason() + "\n");
      }
    }
  }

  private static void writeTrades(Path file, BacktestResult r) throws IOException {
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write("timestamp,instrument,side,quantity,price,gross_value,fees,slippage_cost,entry_time,entry_price,"
          + "exit_time,exit_price,pnl,return_pct,bars_held,mae_pct,mfe_pct,status\n");
      for (Trade t : concat(r.trades(), r.openTrades())) {
        String exitTime = t.open() ? "" : Timestamps.format(t.exitTime());
        double price = t.open() ? Double.NaN : t.exitPrice();
        w.write(exitTime + "," + t.instrument() + "," + (t.direction() > 0 ? "long" : "short") + ","
            + num(t.quantity()) + "," + num(price) + "," + num(t.quantity() * price) + "," + num(t.fees())
            + ",," + Timestamps.format(t.entryTime()) + "," + num(t.entryPrice()) + "," + exitTime + ","
            + num(price) + "," + num(t.pnl()) + "," + num(t.returnPct()) + "," + t.barsHeld() + "," + num(t.maePct())
            + "," + num(t.mfePct()) + "," + (t.open() ? "open" : "closed") + "\n");
      }
    }
  }

  private static List<Trade> concat(List<Trade> a, List<Trade> b) {
    List<Trade> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String num(double v) {
    return Double.isNaN(v) ? "" : CanonicalCsv.formatNumber(v);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
