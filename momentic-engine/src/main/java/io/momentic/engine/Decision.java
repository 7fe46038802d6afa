package io.momentic.engine;

import io.momentic.core.Checks;
import io.momentic.core.Panel;
import io.momentic.engine.exec.FeatureValues;
import io.momentic.engine.order.Order;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * One decision at the close of the newest bar of a history, without a matching core: what the
 * paper runtime asks a strategy when a bar closes. The strategy is prepared on the history (bars
 * 0..t, nothing later exists) and decides at t against the books the runtime keeps; what it asks
 * for comes back as {@link Intent}s for the runtime to journal, check and send. Fills happen
 * elsewhere — at the venue, which for paper trading is the backtest's {@code MatchingCore} — so no
 * fill rule lives here.
 *
 * <p>Each decision uses a fresh strategy instance that re-lives the earlier decisions (see
 * {@link #decide}), so a strategy behaves in paper trading exactly as in its backtest, state and all.
 * Order events are not delivered yet (no built-in strategy listens to them).
 */
public final class Decision {

  /** The account a strategy decides against: the runtime's books, rebuilt from venue fills. */
  public interface Books {

    double cash();

    /** Signed quantity of symbol s. */
    double position(int s);

    /** Average entry price of symbol s (0 when flat). */
    double averagePrice(int s);
  }

  /** What a strategy asked for at its decision, in the order it asked. */
  public sealed interface Intent {}

  /** A new order; {@code id} is the runtime's id the strategy was given. */
  public record Submit(long id, Order order) implements Intent {}

  public record Cancel(long id) implements Intent {}

  public record Modify(long id, double stopPrice, double limitPrice) implements Intent {}

  public record CancelAll(int symbol) implements Intent {}

  public record TargetWeight(int symbol, double weight) implements Intent {}

  public record CloseDelisted(int symbol) implements Intent {}

  /**
   * A decision's result: the intents and the features the strategy registered (what a venue's
   * trailing stop by a feature reads, up to the decision's bar).
   */
  public record Outcome(int bar, long timeMillis, List<Intent> intents, FeatureValues features) {}

  /**
   * Prepares {@code strategy} on {@code history} (its features for bars 0..t, which by the
   * look-ahead rule equal those of any longer history). {@link #decide} then asks it at t.
   */
  public static Decision prepare(Panel history, Strategy strategy, BacktestConfig config) {
    Checks.notNull(strategy, "strategy");
    if (history.size() == 0) {
      throw new IllegalArgumentException("Expected at least one bar to decide on, but found none");
    }
    Decision d = new Decision(history, strategy, config);
    strategy.prepare(d.session);
    return d;
  }

  private final Strategy strategy;
  private final Session session;
  private boolean decided;

  private Decision(Panel history, Strategy strategy, BacktestConfig config) {
    this.strategy = strategy;
    this.session = new Session(history, config);
  }

  /** The features the strategy registered: what a venue's trailing stop by a feature reads. */
  public FeatureValues features() {
    return session;
  }

  /**
   * Asks the strategy to decide at the close of the history's last bar t. A strategy may keep
   * state from one decision to the next (the regime it last sent, whether it has bought), so the
   * fresh instance first goes through every earlier decision from {@code firstBar} — each against
   * the books as they were at that decision ({@code booksAt}), its orders discarded, since they
   * were sent then — and then decides at t against {@code booksAt(t)}. {@code idsAt} numbers a
   * bar's new orders, the same way every time, so an order id a strategy kept is still valid.
   * The books and id suppliers handed back may be one object each, moved from bar to bar: they are
   * read only while their bar is decided. Once only per preparation.
   */
  public Outcome decide(int firstBar, IntFunction<Books> booksAt, IntFunction<LongSupplier> idsAt) {
    if (decided) {
      throw new IllegalStateException("Expected one decision per prepared history, but decide was called again");
    }
    decided = true;
    Session s = session;
    int last = s.panel.size() - 1;
    s.deciding = true;
    try {
      for (int bar = Math.max(0, firstBar); bar <= last; bar++) {
        s.t = bar;
        s.books = Checks.notNull(booksAt.apply(bar), "books");
        s.ids = idsAt.apply(bar);
        s.intents.clear();
        strategy.onBar(s);
      }
    } finally {
      s.deciding = false;
    }
    return new Outcome(last, s.panel.time(last), List.copyOf(s.intents), s);
  }

  //-------------------------------------------------------------------------
  private static final class Session extends PanelView {
    final BacktestConfig config;
    Books books;
    LongSupplier ids;
    final List<Intent> intents = new ArrayList<>();
    boolean deciding;

    Session(Panel panel, BacktestConfig config) {
      super(panel);
      this.config = Checks.notNull(config, "config");
      this.t = panel.size() - 1;
    }

    @Override
    public BacktestConfig config() {
      return config;
    }

    @Override
    public double cash() {
      return books.cash();
    }

    @Override
    public double position(int s) {
      return books.position(s);
    }

    @Override
    public double averagePrice(int s) {
      return books.averagePrice(s);
    }

    /** Cash + positions at t's close (the last known close where a symbol has none), as the core marks. */
    @Override
    public double equity() {
      double e = books.cash();
      for (int s = 0; s < symbols; s++) {
        double q = books.position(s);
        if (q != 0) {
          double close = panel.close(s, t);
          e += q * (close == close ? close : lastClose(s));
        }
      }
      return e;
    }

    private double lastClose(int s) {
      for (int b = t; b >= 0; b--) {
        double c = panel.close(s, b);
        if (c == c) {
          return c;
        }
      }
      return Double.NaN;
    }

    private void entering(String what) {
      if (!deciding) {
        throw new IllegalStateException("Orders can only be " + what + " from onBar");
      }
    }

    @Override
    public long submit(Order order) {
      entering("submitted");
      Checks.inRange(order.symbol(), 0, symbols, "symbol");
      long id = ids.getAsLong();
      intents.add(new Submit(id, order));
      return id;
    }

    @Override
    public boolean cancel(long orderId) {
      intents.add(new Cancel(orderId));
      return true;
    }

    @Override
    public boolean modify(long orderId, double newStopPrice, double newLimitPrice) {
      entering("modified");
      intents.add(new Modify(orderId, newStopPrice, newLimitPrice));
      return true;
    }

    @Override
    public long replace(long orderId, Order replacement) {
      cancel(orderId);
      return submit(replacement);
    }

    @Override
    public void cancelAll(int s) {
      intents.add(new CancelAll(s));
    }

    @Override
    public void targetWeight(int s, double weight) {
      entering("rebalanced");
      intents.add(new TargetWeight(s, weight));
    }

    @Override
    public void closeDelisted(int s) {
      entering("closed as delisted");
      if (panel.hasBar(s, t)) {
        throw new IllegalStateException("Expected " + panel.symbol(s) + " to have no bar at "
            + java.time.Instant.ofEpochMilli(panel.time(t)) + " to close it as delisted, but it trades; sell it with "
            + "an order or a target weight");
      }
      intents.add(new CloseDelisted(s));
    }
  }
}
