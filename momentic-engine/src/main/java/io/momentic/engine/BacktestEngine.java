package io.momentic.engine;

import io.momentic.core.BarSeries;
import io.momentic.core.Checks;
import io.momentic.core.Panel;
import io.momentic.engine.account.Ledger;
import io.momentic.engine.account.PortfolioState;
import io.momentic.engine.account.Trade;
import io.momentic.engine.exec.FillTiming;
import io.momentic.engine.exec.MatchingCore;
import io.momentic.engine.exec.SimulatedBroker;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.OrderEvent;
import java.util.Arrays;
import java.util.List;

/**
 * The bar loop (DESIGN.md §4). For each bar t it lets the {@link SimulatedBroker} fill what was
 * decided before (at t's open and inside its range), marks the portfolio at t's close, hands the
 * strategy its order events and asks it to decide, then lets the broker fill same-close orders.
 * It contains no fill rule: every fill is the execution core's ({@code engine.exec}). One run is
 * single-threaded and deterministic; parallelism belongs across runs.
 */
public final class BacktestEngine {

  private BacktestEngine() {}

  /** Whether a strategy class overrides {@link Strategy#onOrderEvent} (else its runs record no events). */
  private static final ClassValue<Boolean> LISTENS = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      try {
        return type.getMethod("onOrderEvent", BarContext.class, OrderEvent.class).getDeclaringClass() != Strategy.class;
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException(e);
      }
    }
  };

  public static BacktestResult run(BarSeries series, Strategy strategy, BacktestConfig config) {
    return run(Panel.align(List.of(series)), strategy, config);
  }

  public static BacktestResult run(Panel panel, Strategy strategy, BacktestConfig config) {
    return run(panel, strategy, config, null);
  }

  /**
   * As above, the strategy's {@link PrepareContext#shared} values taken from (and added to)
   * {@code shared}: how a sweep's trials compute each indicator array once (null: none shared).
   */
  public static BacktestResult run(Panel panel, Strategy strategy, BacktestConfig config, SharedValues shared) {
    return run(panel, strategy, config, shared, null);
  }

  /**
   * As above, the equity written into {@code buffers}' array (null: a new one): a sweep's worker
   * reuses one {@link RunBuffers} across its trials, and reads each result before the next run.
   */
  public static BacktestResult run(Panel panel, Strategy strategy, BacktestConfig config, SharedValues shared,
      RunBuffers buffers) {
    Checks.notNull(strategy, "strategy");
    Checks.notNull(config, "config");
    if (panel.size() == 0) {
      throw new IllegalArgumentException("Expected at least one bar to backtest, but found none");
    }
    Run run = new Run(panel, strategy, config, null, buffers);
    run.shared = shared;
    return run.execute();
  }

  /**
   * Continues a portfolio saved earlier ({@link BacktestResult#finalState()}, or
   * {@code state/portfolio.json}): the ledger starts from its cash, positions and fills, the
   * working orders (a bracket's stop, a trailing stop) keep working, and the run trades from the
   * first bar after the state's time (earlier bars are indicator warm-up).
   */
  public static BacktestResult resume(Panel panel, Strategy strategy, BacktestConfig config, PortfolioState state) {
    Checks.notNull(state, "state");
    BacktestConfig from = config.withStartTime(Math.max(config.startTimeMillis(), state.asOfMillis() + 1));
    return new Run(panel, strategy, from, state, null).execute();
  }

  //-------------------------------------------------------------------------
  private static final class Run extends PanelView {
    final Strategy strategy;
    final BacktestConfig config;
    final int n;
    /** First recorded bar; bars before it are warm-up (see {@link BacktestConfig#startTimeMillis}). */
    final int first;
    final SimulatedBroker broker;
    /** The broker's matching core, held directly: the bar loop calls it every bar. */
    final MatchingCore core;
    final PortfolioState resumeFrom;
    final double[] equity;
    boolean deciding;

    Run(Panel panel, Strategy strategy, BacktestConfig config, PortfolioState resumeFrom, RunBuffers buffers) {
      super(panel);
      this.strategy = strategy;
      this.config = config;
      this.n = panel.size();
      this.first = panel.indexAtOrAfter(config.startTimeMillis());
      if (first == n) {
        throw new IllegalArgumentException("Expected bars at or after the start time, but the data ends before it");
      }
      this.resumeFrom = resumeFrom;
      Ledger ledger = resumeFrom == null ? new Ledger(panel.symbols(), config.initialCash())
          : Ledger.restore(resumeFrom, panel.symbols(), time -> Math.max(0, panel.indexAtOrBefore(time)));
      this.broker = new SimulatedBroker(panel, ledger, config.execution(), this);
      this.core = broker.core();
      core.recordEvents(LISTENS.get(strategy.getClass()));
      this.equity = buffers == null ? new double[n - first] : buffers.equity(n - first);
    }

    BacktestResult execute() {
      strategy.prepare(this);
      broker.startAt(first);
      t = first;
      if (resumeFrom != null) {
        // After prepare: a saved trail by a feature binds to the feature registered again.
        core.restore(resumeFrom.workingOrders(), panel::indexAtOrAfter);
        core.restoreTargets(resumeFrom.pendingTargets());
      }
      boolean nextOpen = config.fillTiming() == FillTiming.NEXT_OPEN;
      // Decisions (and trading on events) happen only inside this loop; the flag guards order entry.
      deciding = true;
      // In locals: the JIT does not treat final instance fields as constants, so the loop would
      // reload each of them after every call that can happen in it.
      MatchingCore matching = core;
      Strategy decider = strategy;
      double[] equityOut = equity;
      int firstBar = first;
      int bars = n;
      for (int bar = firstBar; bar < bars; bar++) {
        t = bar;
        matching.openBar(bar);
        matching.markEquity(bar, equityOut, bar - firstBar);
        if (matching.hasEvents()) {
          deliverEvents();
        }
        decider.onBar(this);
        matching.closeBar(bar);
        if (!nextOpen) {
          matching.markEquity(bar, equityOut, bar - firstBar);
        }
      }
      deciding = false;
      t = n - 1;
      double[] marks = core.finalMarks(n - 1);
      if (config.closeAtEnd()) {
        core.closeAtEnd(marks);
        core.markEquity(n - 1, equity, n - 1 - first);
      }
      List<Trade> open = broker.ledger().openTrades(marks, n - 1);
      // The rest is built when asked for: the ledger and the core do not change after the run.
      Panel p = panel;
      int from = first;
      int to = n;
      double[] eq = equity;
      SimulatedBroker b = broker;
      return new BacktestResult(equity, open, config, p.time(from), p.time(to - 1),
          () -> from == 0 ? p.times() : Arrays.copyOfRange(p.times(), from, to),
          () -> b.core().markLog().cashSeries(eq.length),
          () -> b.core().markLog().exposureSeries(p, from, eq),
          () -> b.core().markLog().exposedBars(p, from, eq),
          () -> b.ledger().fills(), () -> b.ledger().trades(), () -> b.snapshot(p.time(to - 1)));
    }

    /** Events of this bar's fills reach the strategy before it decides (it may trade on them). */
    private void deliverEvents() {
      OrderEvent e;
      while ((e = core.pollEvent()) != null) {
        strategy.onOrderEvent(this, e);
      }
    }

    //-----------------------------------------------------------------------
    // PrepareContext and BarContext: the account and order entry (the data is PanelView's)

    @Override
    public BacktestConfig config() {
      return config;
    }

    @Override
    public double cash() {
      return broker.cash();
    }

    @Override
    public double position(int s) {
      return broker.position(s);
    }

    @Override
    public int heldSymbols(int[] into) {
      io.momentic.engine.account.Ledger ledger = broker.ledger();
      int count = ledger.heldCount();
      for (int i = 0; i < count; i++) {
        into[i] = ledger.heldSymbol(i);
      }
      return count;
    }

    @Override
    public double averagePrice(int s) {
      return broker.averagePrice(s);
    }

    @Override
    public double equity() {
      return equity[t - first];
    }

    @Override
    public long submit(Order order) {
      if (!deciding) {
        throw new IllegalStateException("Orders can only be submitted from onBar");
      }
      return core.at(t).submit(order);
    }

    @Override
    public boolean modify(long orderId, double newStopPrice, double newLimitPrice) {
      if (!deciding) {
        throw new IllegalStateException("Orders can only be modified from onBar");
      }
      return core.at(t).modify(orderId, newStopPrice, newLimitPrice);
    }

    @Override
    public boolean cancel(long orderId) {
      return core.at(t).cancel(orderId);
    }

    @Override
    public long replace(long orderId, Order replacement) {
      cancel(orderId);
      return submit(replacement);
    }

    @Override
    public void cancelAll(int s) {
      core.at(t).cancelAll(s);
    }

    @Override
    public void targetWeight(int s, double weight) {
      core.at(t).targetWeight(s, weight);
    }

    @Override
    public void closeDelisted(int s) {
      if (!deciding) {
        throw new IllegalStateException("Delisted positions can only be closed from onBar");
      }
      core.at(t).closeDelisted(s);
    }
  }
}
