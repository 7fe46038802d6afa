package io.momentic.paper.venue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.momentic.engine.exec.VenueRules;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Binance spot adapter against a Binance-shaped fake on loopback. */
class BinanceSpotTest {

  BinanceFake fake;
  BinanceSpot venue;

  @BeforeEach
  void start() throws Exception {
    fake = new BinanceFake(1_000);
    fake.setPrice("BTCUSDT", 50_000);
    venue = adapter(BinanceFake.SECRET, System::currentTimeMillis);
  }

  BinanceSpot adapter(String secret, java.util.function.LongSupplier clock) {
    return new BinanceSpot(new BinanceSpot.Settings(fake.url(), BinanceFake.API_KEY, secret, 5_000, "USDT",
        Duration.ofSeconds(5)), List.of("BTCUSDT"), clock);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void signsAsBinancesDocumentationExample() {
    // Binance's documented example (SIGNED endpoint security, HMAC): key, secret, query and signature.
    BinanceSpot doc = new BinanceSpot(new BinanceSpot.Settings(BinanceSpot.Settings.PRODUCTION,
        "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
        "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j", 5_000, "BTC", null), List.of("LTCBTC"));
    assertThat(doc.sign("symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000"
        + "&timestamp=1499827319559")).isEqualTo("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71");
  }

  @Test
  void exchangeInfoFilters_becomeVenueRules() {
    VenueRules r = venue.rules("BTCUSDT");
    // PRICE_FILTER tickSize 0.01, LOT_SIZE stepSize/minQty 0.0001, NOTIONAL 10, PERCENT_PRICE_BY_SIDE
    // bidMultiplierUp 5 / askMultiplierDown 0.2 → a band of max(5 − 1, 1 − 0.2) = 4, MAX_NUM_ORDERS 200.
    assertThat(r).isEqualTo(new VenueRules(0.01, 0.0001, 0.0001, 10, 4, 200, false));
  }

  @Test
  void aMarketBuyWithAllCash_fills_andTheTradeAndAccountSayHowMuch() {
    CommandResult r = venue.place("sma-20260101000000-1", Order.market(0, Side.BUY, Sizing.allCash()));
    assertThat(r.outcome()).isEqualTo(CommandResult.Outcome.ACCEPTED);
    // 1,000 USDT at 50,000 with 0.1 % commission: floor(1000 / 50050 / 0.0001) × 0.0001 = 0.0199 BTC.
    List<VenueTrade> trades = venue.tradesSince(0);
    assertThat(trades).singleElement().satisfies(t -> {
      assertThat(t.clientOrderId()).isEqualTo("sma-20260101000000-1");
      assertThat(t.quantity()).isEqualTo(0.0199);
      assertThat(t.price()).isEqualTo(50_000);
      assertThat(t.fee()).isCloseTo(0.0199 * 50_000 * 0.001, org.assertj.core.api.Assertions.within(1e-9));
      assertThat(t.side()).isEqualTo(Side.BUY);
    });
    AccountSnapshot a = venue.account();
    assertThat(a.position("BTCUSDT")).isEqualTo(0.0199);
    assertThat(a.cash()).isCloseTo(1_000 - 0.0199 * 50_000 * 1.001, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(venue.query("sma-20260101000000-1").state()).isEqualTo(OrderStatus.State.FILLED);
  }

  @Test
  void theErrorCodes_mapToOutcomes() {
    // -2010: not enough balance for 1 BTC.
    CommandResult poor = venue.place("a-1", Order.market(0, Side.BUY, Sizing.units(1)));
    assertThat(poor.outcome()).isEqualTo(CommandResult.Outcome.REJECTED);
    assertThat(poor.code()).isEqualTo("-2010");
    assertThat(poor.reason()).isEqualTo("Account has insufficient balance for requested action.");
    // Below the 10 USDT notional: refused by the adapter with the filter's words, never sent.
    int before = fake.requests("POST /api/v3/order");
    CommandResult tiny = venue.place("a-2", Order.market(0, Side.BUY, Sizing.units(0.0001)));
    assertThat(tiny.code()).isEqualTo("-1013");
    assertThat(tiny.reason()).contains("below the minimum 10");
    assertThat(fake.requests("POST /api/v3/order")).isEqualTo(before);
    // -2011 and -2013: cancel and query of an order the venue never had.
    assertThat(venue.cancel("nope-1").code()).isEqualTo("-2011");
    assertThat(venue.query("nope-1").state()).isEqualTo(OrderStatus.State.NOT_FOUND);
    // -2010 again for a duplicate client order id.
    assertThat(venue.place("b-1", Order.limit(0, Side.BUY, Sizing.units(0.001), 40_000)).outcome())
        .isEqualTo(CommandResult.Outcome.ACCEPTED);
    CommandResult dup = venue.place("b-1", Order.limit(0, Side.BUY, Sizing.units(0.001), 40_000));
    assertThat(dup.code()).isEqualTo("-2010");
    assertThat(dup.reason()).isEqualTo("Duplicate order sent.");
    assertThat(venue.openOrders()).extracting(OrderStatus::clientOrderId).containsExactly("b-1");
    assertThat(venue.cancel("b-1").outcome()).isEqualTo(CommandResult.Outcome.ACCEPTED);
    assertThat(venue.openOrders()).isEmpty();
    // -1022: a wrong secret signs wrongly.
    CommandResult forged = adapter("not-the-secret", System::currentTimeMillis).place("c-1",
        Order.limit(0, Side.BUY, Sizing.units(0.001), 40_000));
    assertThat(forged.code()).isEqualTo("-1022");
  }

  @Test
  void clockSkew_isMeasured_andA1021_resyncsAndRetriesOnce() {
    // The server runs 20 s ahead: the first signed call is outside the 5 s window (-1021); the adapter
    // syncs with /api/v3/time and the retry passes.
    BinanceSpot v = adapter(BinanceFake.SECRET, System::currentTimeMillis);
    v.syncClock();
    fake.skewClock(20_000);
    assertThat(v.place("s-1", Order.limit(0, Side.BUY, Sizing.units(0.001), 40_000)).outcome())
        .isEqualTo(CommandResult.Outcome.ACCEPTED);
    assertThat(v.clockOffsetMillis()).isBetween(19_000L, 21_000L);
    assertThat(fake.requests("POST /api/v3/order")).isEqualTo(2);
  }

  @Test
  void faults_lostReply503And429_areUnknownOrRejectedAsTheRuntimeNeeds() {
    fake.fault("POST /api/v3/order", BinanceFake.Fault.DROP_REPLY);
    CommandResult lost = venue.place("f-1", Order.limit(0, Side.BUY, Sizing.units(0.001), 40_000));
    assertThat(lost.outcome()).isEqualTo(CommandResult.Outcome.UNKNOWN);
    assertThat(venue.query("f-1").state()).isEqualTo(OrderStatus.State.WORKING); // it was taken

    fake.fault("POST /api/v3/order", BinanceFake.Fault.UNAVAILABLE);
    assertThat(venue.place("f-2", Order.limit(0, Side.BUY, Sizing.units(0.001), 40_000)).outcome())
        .isEqualTo(CommandResult.Outcome.UNKNOWN);
    assertThat(venue.query("f-2").state()).isEqualTo(OrderStatus.State.NOT_FOUND); // it was not

    fake.fault("POST /api/v3/order", BinanceFake.Fault.RATE_LIMITED);
    CommandResult limited = venue.place("f-3", Order.limit(0, Side.BUY, Sizing.units(0.001), 40_000));
    assertThat(limited.code()).isEqualTo("429");
    assertThat(limited.reason()).contains("Retry-After 1 s");
    fake.fault("POST /api/v3/order", BinanceFake.Fault.TOO_MANY_ORDERS);
    assertThat(venue.place("f-4", Order.limit(0, Side.BUY, Sizing.units(0.001), 40_000)).code())
        .isEqualTo("429");

    fake.fault("GET /api/v3/order", BinanceFake.Fault.UNAVAILABLE);
    assertThatThrownBy(() -> venue.query("f-1")).isInstanceOf(VenueUnavailableException.class);
  }
}
