package io.momentic.paper.runtime;

import io.momentic.core.Panel;
import io.momentic.core.Timestamps;
import io.momentic.engine.BacktestEngine;
import io.momentic.engine.BacktestResult;
import io.momentic.engine.BarContext;
import io.momentic.engine.Decision;
import io.momentic.engine.ForwardingBarContext;
import io.momentic.engine.PrepareContext;
import io.momentic.engine.Strategy;
import io.momentic.engine.account.Ledger;
import io.momentic.engine.account.Trade;
import io.momentic.engine.exec.FeeModel;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.OrderEvent;
import io.momentic.paper.journal.Journal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code momentic paper compare}: does a strategy behave in paper as in its backtest? The backtest
 * engine is replayed on exactly the bars the runtime saw (to its last finished bar), with the
 * strategy's decisions recorded; the journal gives the paper side. Reported per strategy: decision
 * agreement (bars where both asked for exactly the same orders, over bars where either asked for
 * any), trade counts, P&L and fee deltas, and skip-reason histograms; and the promotion gate's
 * verdict ("backtest-validated"), which every report states.
 */
public final class Comparison {

  private Comparison() {}

  /** The promotion gate: decision agreement at least {@code minAgreement}, trade count within ± {@code maxTradeCountDelta}. */
  public record Gate(double minAgreement, double maxTradeCountDelta) {
    public static final Gate DEFAULT = new Gate(0.95, 0.10);
  }

  /** One strategy's comparison. P&L is final equity less the initial cash; fees are every fill's. */
  public record Result(String strategy, int bars, int decisionBars, int agreeingBars, double agreement,
      int paperTrades, int backtestTrades, double paperPnl, double backtestPnl, double paperFees, double backtestFees,
      Map<String, Integer> paperSkips, Map<String, Integer> backtestSkips, boolean validated, String verdict,
      List<String> firstDisagreements) {}

  /**
   * Compares one strategy: {@code seen} are its bars (the runtime's history; later bars are cut),
   * {@code entries} the journal's entries for it.
   */
  public static Result of(SlotSpec spec, Panel seen, List<Journal.Entry> entries, Gate gate) {
    long last = Long.MIN_VALUE;
    Map<Long, List<String>> paper = new TreeMap<>();
    Map<String, Integer> paperSkips = new TreeMap<>();
    SlotBooks books = new SlotBooks(spec.symbols(), spec.config().initialCash());
    double paperEquity = spec.config().initialCash();
    io.momentic.engine.BacktestConfig config = spec.config();
    for (Journal.Entry e : entries) {
      Map<String, Object> p = PaperRuntime.read(e.payload());
      switch (e.kind()) {
        case START -> config = config.withStartTime(Math.max(config.startTimeMillis(),
            ((Number) p.get("start_ms")).longValue()));
        case BAR -> {
          last = Math.max(last, e.barTime());
          paperEquity = ((Number) p.get("equity")).doubleValue();
        }
        case INTENT -> {
          if (!operatorCommand(e.ref())) {
            paper.computeIfAbsent(e.barTime(), k -> new ArrayList<>()).add(IntentText.signature(p));
          }
        }
        case SKIP -> paperSkips.merge((String) p.get("reason"), 1, Integer::sum);
        case TRADE -> books.book(PaperRuntime.trade(p), ((Number) p.get("bar")).intValue(), false);
        default -> { }
      }
    }
    int n = last == Long.MIN_VALUE ? 0 : seen.indexAtOrBefore(last) + 1;
    if (n == 0) {
      return new Result(spec.id(), 0, 0, 0, Double.NaN, 0, 0, 0, 0, 0, 0, paperSkips, Map.of(), false,
          "not validated: no bar finished yet", List.of());
    }
    Panel bars = seen.upTo(n);
    Recorder recorder = new Recorder(spec.strategy().get(), spec.symbols());
    BacktestResult backtest = BacktestEngine.run(bars, recorder, config);
    Map<String, Integer> backtestSkips = new TreeMap<>();
    int first = bars.indexAtOrAfter(config.startTimeMillis());
    for (int i = 0; i < n; i++) {
      boolean decided = recorder.byBar.containsKey(bars.time(i));
      if (i < first) {
        backtestSkips.merge(SkipReason.WARM_UP.code(), 1, Integer::sum);
      } else if (!decided) {
        backtestSkips.merge(SkipReason.NO_SIGNAL.code(), 1, Integer::sum);
      }
    }
    TreeSet<Long> decisionBars = new TreeSet<>(paper.keySet());
    decisionBars.addAll(recorder.byBar.keySet());
    int agreeing = 0;
    List<String> disagreements = new ArrayList<>();
    for (long t : decisionBars) {
      List<String> a = paper.getOrDefault(t, List.of());
      List<String> b = recorder.byBar.getOrDefault(t, List.of());
      if (a.equals(b)) {
        agreeing++;
      } else if (disagreements.size() < 5) {
        disagreements.add(Timestamps.format(t) + ": paper " + (a.isEmpty() ? "nothing" : a) + ", backtest "
            + (b.isEmpty() ? "nothing" : b));
      }
    }
    double agreement = decisionBars.isEmpty() ? 1.0 : (double) agreeing / decisionBars.size();
    int paperTrades = books.ledger().trades().size();
    int backtestTrades = backtest.trades().size();
    double tradeDelta = Math.abs(paperTrades - backtestTrades) / (double) Math.max(1, backtestTrades);
    double paperFees = books.ledger().fills().stream().mapToDouble(io.momentic.engine.account.Fill::fee).sum();
    boolean validated = agreement >= gate.minAgreement() && tradeDelta <= gate.maxTradeCountDelta();
    String verdict = String.format(Locale.ROOT, "%s: decision agreement %.1f %% (gate >= %.0f %%), trades %d vs %d "
            + "(%+.0f %%, gate ±%.0f %%)", validated ? "backtest-validated" : "NOT validated", 100 * agreement,
        100 * gate.minAgreement(), paperTrades, backtestTrades, 100.0 * (paperTrades - backtestTrades)
            / Math.max(1, backtestTrades), 100 * gate.maxTradeCountDelta());
    return new Result(spec.id(), n, decisionBars.size(), agreeing, agreement, paperTrades, backtestTrades,
        paperEquity - spec.config().initialCash(), backtest.finalEquity() - spec.config().initialCash(), paperFees,
        backtest.totalFees(), paperSkips, backtestSkips, validated, verdict, disagreements);
  }

  /** Operator commands journaled under a strategy (close-dust's orders): not the strategy's decisions. */
  private static boolean operatorCommand(String clientId) {
    int dash = clientId.lastIndexOf('-');
    return dash >= 0 && Integer.parseInt(clientId.substring(dash + 1)) >= 900;
  }

  /** Records what the strategy asks at each bar, in the journal's words, and passes it on. */
  private static final class Recorder extends ForwardingBarContext implements Strategy {
    final Strategy strategy;
    final List<String> symbols;
    final Map<Long, List<String>> byBar = new LinkedHashMap<>();

    Recorder(Strategy strategy, List<String> symbols) {
      this.strategy = strategy;
      this.symbols = symbols;
    }

    private void record(Decision.Intent intent) {
      byBar.computeIfAbsent(time(), k -> new ArrayList<>())
          .add(IntentText.signature(IntentText.describe(intent, symbols)));
    }

    @Override
    public void prepare(PrepareContext context) {
      strategy.prepare(context);
    }

    @Override
    public void onBar(BarContext context) {
      wrap(context);
      strategy.onBar(this);
    }

    @Override
    public void onOrderEvent(BarContext context, OrderEvent event) {
      wrap(context);
      strategy.onOrderEvent(this, event);
    }

    @Override
    public long submit(Order order) {
      record(new Decision.Submit(0, order));
      return super.submit(order);
    }

    @Override
    public boolean cancel(long orderId) {
      record(new Decision.Cancel(orderId));
      return super.cancel(orderId);
    }

    @Override
    public boolean modify(long orderId, double newStopPrice, double newLimitPrice) {
      record(new Decision.Modify(orderId, newStopPrice, newLimitPrice));
      return super.modify(orderId, newStopPrice, newLimitPrice);
    }

    @Override
    public long replace(long orderId, Order replacement) {
      cancel(orderId);
      return submit(replacement);
    }

    @Override
    public void cancelAll(int s) {
      record(new Decision.CancelAll(s));
      super.cancelAll(s);
    }

    @Override
    public void targetWeight(int s, double weight) {
      record(new Decision.TargetWeight(s, weight));
      super.targetWeight(s, weight);
    }

    @Override
    public void closeDelisted(int s) {
      record(new Decision.CloseDelisted(s));
      super.closeDelisted(s);
    }
  }

  //---------------------------------------------------------------------------
  // Versions of one strategy side by side

  /** One version of a strategy in a cross-variant comparison. */
  public record Variant(String strategy, int trades, double winRate, double pnl, double fees,
      double marginAtMinimumPct) {}

  /**
   * Versions of the same strategy (slots of one strategy name) side by side: win rate, P&L, fees,
   * and the profit margin a trade would keep after fees at the venue's minimum order size (the
   * mean trade return on a minimum-notional order less the round trip's fees at that size — where a
   * fixed fee per order eats small accounts); and whether the versions converge — the share of the
   * last fifth of their bars where they hold the same direction.
   */
  public record Variants(String strategyName, List<Variant> variants, double convergence) {}

  /** The minimum order notional assumed when the venue states none. */
  public static final double DEFAULT_MIN_NOTIONAL = 10;

  public static Variants variants(String strategyName, List<SlotSpec> specs, Map<String, List<Journal.Entry>> entries) {
    List<Variant> out = new ArrayList<>();
    List<int[]> directions = new ArrayList<>();
    int commonBars = Integer.MAX_VALUE;
    for (SlotSpec spec : specs) {
      SlotBooks books = new SlotBooks(spec.symbols(), spec.config().initialCash());
      double equity = spec.config().initialCash();
      int bars = 0;
      List<int[]> signs = new ArrayList<>(); // per bar: the sign of the first symbol's position
      Map<Integer, List<io.momentic.paper.venue.VenueTrade>> tradesByBar = new TreeMap<>();
      for (Journal.Entry e : entries.getOrDefault(spec.id(), List.of())) {
        Map<String, Object> p = PaperRuntime.read(e.payload());
        if (e.kind() == Journal.Kind.TRADE) {
          int bar = ((Number) p.get("bar")).intValue();
          tradesByBar.computeIfAbsent(bar, k -> new ArrayList<>()).add(PaperRuntime.trade(p));
        } else if (e.kind() == Journal.Kind.BAR) {
          equity = ((Number) p.get("equity")).doubleValue();
          bars++;
        }
      }
      int[] dir = new int[bars];
      double q = 0;
      for (int i = 0; i < bars; i++) {
        for (io.momentic.paper.venue.VenueTrade t : tradesByBar.getOrDefault(i, List.of())) {
          books.book(t, i, false);
          q += t.side().sign() * t.quantity();
        }
        dir[i] = (int) Math.signum(Math.abs(q) < 1e-12 ? 0 : q);
      }
      directions.add(dir);
      commonBars = Math.min(commonBars, bars);
      List<Trade> trades = books.ledger().trades();
      long wins = trades.stream().filter(t -> t.pnl() > 0).count();
      double fees = books.ledger().fills().stream().mapToDouble(io.momentic.engine.account.Fill::fee).sum();
      out.add(new Variant(spec.id(), trades.size(), trades.isEmpty() ? Double.NaN : (double) wins / trades.size(),
          equity - spec.config().initialCash(), fees, marginAtMinimum(spec, trades, books.ledger())));
    }
    double convergence = Double.NaN;
    if (directions.size() >= 2 && commonBars > 0 && commonBars != Integer.MAX_VALUE) {
      int from = commonBars - Math.max(1, commonBars / 5);
      int same = 0;
      for (int i = from; i < commonBars; i++) {
        boolean all = true;
        for (int[] d : directions) {
          all &= d[i] == directions.get(0)[i];
        }
        same += all ? 1 : 0;
      }
      convergence = (double) same / (commonBars - from);
    }
    return new Variants(strategyName, out, convergence);
  }

  /** Mean trade return on a minimum-notional order, less the round trip's fees at that size, in % of it. */
  private static double marginAtMinimum(SlotSpec spec, List<Trade> trades, Ledger ledger) {
    if (trades.isEmpty()) {
      return Double.NaN;
    }
    double minNotional = spec.dust().minNotional() > 0 ? spec.dust().minNotional() : DEFAULT_MIN_NOTIONAL;
    double meanReturn = trades.stream().mapToDouble(t -> t.returnPct() / 100 + t.fees() / (t.entryPrice()
        * t.quantity())).average().orElse(0); // the gross return: fees added back
    FeeModel fees = spec.config().fees();
    double roundTrip;
    if (fees instanceof FeeModel.FixedPlusRateFeeModel f) {
      roundTrip = 2 * (f.fixed() + f.rate() * minNotional);
    } else {
      double notional = ledger.fills().stream().mapToDouble(io.momentic.engine.account.Fill::grossValue).sum();
      double paid = ledger.fills().stream().mapToDouble(io.momentic.engine.account.Fill::fee).sum();
      roundTrip = notional > 0 ? 2 * paid / notional * minNotional : 0;
    }
    return 100 * (meanReturn * minNotional - roundTrip) / minNotional;
  }
}
