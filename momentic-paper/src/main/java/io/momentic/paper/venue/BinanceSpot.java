package io.momentic.paper.venue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.momentic.core.Checks;
import io.momentic.engine.exec.VenueRules;
import io.momentic.engine.order.Order;
import io.momentic.engine.order.OrderType;
import io.momentic.engine.order.Side;
import io.momentic.engine.order.Sizing;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Binance spot behind the {@link BrokerClient} port (REST API v3): signed requests (HMAC-SHA256 of
 * the query string, {@code X-MBX-APIKEY}), a {@code recvWindow}, the clock synced with
 * {@code /api/v3/time} (and again after a -1021), the exchange-info filters as {@link VenueRules},
 * orders by client order id ({@code newClientOrderId}), cancels, queries, open orders, the account
 * and the account's trades. Point it at {@code https://testnet.binance.vision} for Binance's public
 * spot testnet; tests point it at a loopback fake.
 *
 * <p>Each command is sent once: an answer that cannot be trusted (a timeout, a 5xx) is UNKNOWN and the
 * runtime asks for the client id; a 429 or 418 is REJECTED with that code (the request was not
 * executed) and the runtime backs off. Error codes map to outcomes: -1013 (a filter), -2010 (new
 * order rejected: balance, duplicate id), -1022 (bad signature), -2011 (unknown order on cancel),
 * -1015 (too many orders: transient) are REJECTED; -2013 on a query is NOT_FOUND.
 *
 * <p>Sizing: units as {@code quantity} (rounded down to the lot step), all cash as a market buy's
 * {@code quoteOrderQty} (the free quote balance), a close or reduction from the base balance, an
 * equity fraction at the last price. Market, limit (GTC, or LIMIT_MAKER when the venue is maker-only)
 * and stop-limit orders are sent; brackets, trailing stops and target weights are refused with the
 * reason (the runtime sends them to the paper venue only).
 */
public final class BinanceSpot implements BrokerClient {

  /** Where and as whom. */
  public record Settings(URI baseUrl, String apiKey, String secretKey, long recvWindowMillis, String quoteAsset,
      Duration timeout) {

    public static final URI PRODUCTION = URI.create("https://api.binance.com");
    public static final URI TESTNET = URI.create("https://testnet.binance.vision");

    public Settings {
      Checks.notNull(baseUrl, "baseUrl");
      Checks.notBlank(apiKey, "apiKey");
      Checks.notBlank(secretKey, "secretKey");
      recvWindowMillis = recvWindowMillis <= 0 ? 5_000 : recvWindowMillis;
      quoteAsset = quoteAsset == null ? "USDT" : quoteAsset;
      timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Settings settings;
  private final List<String> symbols;
  private final HttpClient http;
  private final LongSupplier localClock;
  private final Mac mac;
  private long clockOffsetMillis;
  private boolean synced;
  private final Map<String, VenueRules> rules = new HashMap<>();
  /** Binance order id → our client id, for trades (myTrades names the order id only). */
  private final Map<Long, String> clientOfOrder = new HashMap<>();
  private final Map<String, Integer> symbolOfClient = new HashMap<>();

  public BinanceSpot(Settings settings, List<String> symbols) {
    this(settings, symbols, System::currentTimeMillis);
  }

  /** With the local clock given (a test skews it). */
  public BinanceSpot(Settings settings, List<String> symbols, LongSupplier localClock) {
    this.settings = Checks.notNull(settings, "settings");
    this.symbols = List.copyOf(symbols);
    this.localClock = localClock;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).version(HttpClient.Version.HTTP_1_1)
        .build();
    try {
      this.mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(settings.secretKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }

  /** The hex HMAC-SHA256 of {@code payload} with the secret key: Binance's {@code signature}. */
  public String sign(String payload) {
    synchronized (mac) {
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
  }

  //---------------------------------------------------------------------------
  // Time and rules

  /** Syncs the clock with the server's ({@code GET /api/v3/time}): offset = server − local at the midpoint. */
  public void syncClock() throws VenueUnavailableException {
    long before = localClock.getAsLong();
    JsonNode r = publicGet("/api/v3/time", Map.of());
    long after = localClock.getAsLong();
    clockOffsetMillis = r.path("serverTime").asLong() - (before + after) / 2;
    synced = true;
  }

  public long clockOffsetMillis() {
    return clockOffsetMillis;
  }

  /**
   * The symbol's filters from {@code /api/v3/exchangeInfo} as {@link VenueRules}: PRICE_FILTER's
   * tickSize, LOT_SIZE's stepSize and minQty, NOTIONAL's (or the older MIN_NOTIONAL's) minNotional,
   * PERCENT_PRICE_BY_SIDE's (or PERCENT_PRICE's) band, MAX_NUM_ORDERS.
   */
  public VenueRules rules(String symbol) throws VenueUnavailableException {
    VenueRules cached = rules.get(symbol);
    if (cached != null) {
      return cached;
    }
    JsonNode info = publicGet("/api/v3/exchangeInfo", Map.of("symbol", symbol));
    JsonNode s = info.path("symbols").path(0);
    double tick = 0;
    double step = 0;
    double minQty = 0;
    double minNotional = 0;
    double band = 0;
    int maxOrders = 0;
    for (JsonNode f : s.path("filters")) {
      switch (f.path("filterType").asText()) {
        case "PRICE_FILTER" -> tick = f.path("tickSize").asDouble();
        case "LOT_SIZE" -> {
          step = f.path("stepSize").asDouble();
          minQty = f.path("minQty").asDouble();
        }
        case "NOTIONAL", "MIN_NOTIONAL" -> minNotional = Math.max(minNotional, f.path("minNotional").asDouble());
        case "PERCENT_PRICE_BY_SIDE" -> band = Math.max(band, Math.max(f.path("bidMultiplierUp").asDouble() - 1,
            1 - f.path("askMultiplierDown").asDouble()));
        case "PERCENT_PRICE" -> band = Math.max(band, Math.max(f.path("multiplierUp").asDouble() - 1,
            1 - f.path("multiplierDown").asDouble()));
        case "MAX_NUM_ORDERS" -> maxOrders = f.path("maxNumOrders").asInt();
        default -> { }
      }
    }
    VenueRules r = new VenueRules(tick, step, minQty, minNotional, band, maxOrders, false);
    rules.put(symbol, r);
    return r;
  }

  //---------------------------------------------------------------------------
  // BrokerClient

  @Override
  public CommandResult place(String clientOrderId, Order order) {
    String symbol = symbols.get(order.symbol());
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", symbol);
    p.put("side", order.side().name());
    try {
      VenueRules r = rules(symbol);
      String refused = orderType(order, r, p);
      if (refused != null) {
        return CommandResult.rejected("UNSUPPORTED", refused);
      }
      String sized = size(order, symbol, r, p);
      if (sized != null) {
        return CommandResult.rejected("-1013", sized);
      }
    } catch (VenueUnavailableException e) {
      return CommandResult.unknown(e.getMessage()); // nothing was sent
    }
    p.put("newClientOrderId", clientOrderId);
    p.put("newOrderRespType", "FULL");
    Answer a = signed("POST", "/api/v3/order", p);
    if (a.ok()) {
      clientOfOrder.put(a.body().path("orderId").asLong(), clientOrderId);
      symbolOfClient.put(clientOrderId, order.symbol());
      return CommandResult.accepted();
    }
    return a.result();
  }

  /** Binance's order type for ours, or why the adapter cannot send it. */
  private static String orderType(Order order, VenueRules rules, Map<String, String> p) {
    if (order.stopLoss() == order.stopLoss() || order.takeProfit() == order.takeProfit()) {
      return "brackets are not sent to Binance spot by this adapter (use the paper venue, or an OCO by hand)";
    }
    switch (order.type()) {
      case MARKET -> p.put("type", "MARKET");
      case LIMIT -> {
        if (rules.makerOnly()) {
          p.put("type", "LIMIT_MAKER");
        } else {
          p.put("type", "LIMIT");
          p.put("timeInForce", "GTC");
        }
        p.put("price", plain(rules.roundPrice(order.limitPrice(), order.side())));
      }
      case STOP_LIMIT -> {
        p.put("type", "STOP_LOSS_LIMIT");
        p.put("timeInForce", "GTC");
        p.put("price", plain(rules.roundPrice(order.limitPrice(), order.side())));
        p.put("stopPrice", plain(rules.roundPrice(order.stopPrice(), order.side())));
      }
      default -> {
        return order.type() + " orders are not sent to Binance spot by this adapter";
      }
    }
    return null;
  }

  /** Puts the order's size; returns why it cannot be sized (below the minimums), or null. */
  private String size(Order order, String symbol, VenueRules r, Map<String, String> p)
      throws VenueUnavailableException {
    String base = base(symbol);
    double quantity;
    switch (order.sizing()) {
      case Sizing.Units u -> quantity = u.quantity();
      case Sizing.AllCash a -> {
        double free = balances(true).getOrDefault(settings.quoteAsset(), 0.0);
        if (order.side() == Side.BUY && order.type() == OrderType.MARKET) {
          p.put("quoteOrderQty", plain(Math.floor(free * 1e8) / 1e8));
          return free < r.minNotional() ? "all cash is " + free + " " + settings.quoteAsset() + ", below the minimum "
              + "notional " + r.minNotional() : null;
        }
        quantity = free / lastPrice(symbol);
      }
      case Sizing.ClosePosition c -> quantity = balances(true).getOrDefault(base, 0.0);
      case Sizing.ReduceBy x -> quantity = Math.min(x.quantity(), balances(true).getOrDefault(base, 0.0));
      case Sizing.ReduceByFraction f -> quantity = f.fraction() * balances(true).getOrDefault(base, 0.0);
      case Sizing.EquityFraction f -> {
        double price = lastPrice(symbol);
        Map<String, Double> b = balances(false);
        double equity = b.getOrDefault(settings.quoteAsset(), 0.0) + b.getOrDefault(base, 0.0) * price;
        quantity = f.fraction() * equity / price;
      }
    }
    double q = r.roundQuantity(quantity);
    double price = order.limitPrice() == order.limitPrice() ? order.limitPrice() : lastPrice(symbol);
    String violation = r.violation(q, price);
    if (violation != null) {
      return violation;
    }
    p.put("quantity", plain(q));
    return null;
  }

  private String base(String symbol) {
    return symbol.endsWith(settings.quoteAsset()) ? symbol.substring(0, symbol.length() - settings.quoteAsset().length())
        : symbol;
  }

  private double lastPrice(String symbol) throws VenueUnavailableException {
    return publicGet("/api/v3/ticker/price", Map.of("symbol", symbol)).path("price").asDouble();
  }

  /** Free (or free + locked) balance by asset. */
  private Map<String, Double> balances(boolean freeOnly) throws VenueUnavailableException {
    Answer a = signed("GET", "/api/v3/account", new LinkedHashMap<>());
    if (!a.ok()) {
      throw new VenueUnavailableException(a.code(), "account: " + a.message(), a.retryAfterMillis());
    }
    Map<String, Double> out = new HashMap<>();
    for (JsonNode b : a.body().path("balances")) {
      double v = b.path("free").asDouble() + (freeOnly ? 0 : b.path("locked").asDouble());
      out.put(b.path("asset").asText(), v);
    }
    return out;
  }

  @Override
  public CommandResult cancel(String clientOrderId) {
    Integer s = symbolOfClient.get(clientOrderId);
    if (s == null) {
      return CommandResult.rejected("-2011", "Unknown order sent.");
    }
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", symbols.get(s));
    p.put("origClientOrderId", clientOrderId);
    Answer a = signed("DELETE", "/api/v3/order", p);
    return a.ok() ? CommandResult.accepted() : a.result();
  }

  @Override
  public CommandResult modify(String clientOrderId, double stopPrice, double limitPrice) {
    return CommandResult.rejected("UNSUPPORTED", "Binance spot has no order amend for prices; cancel and place "
        + "a new order");
  }

  @Override
  public CommandResult rebalance(String clientOrderId, int symbol, double weight) {
    return CommandResult.rejected("UNSUPPORTED", "target weights are not sent to Binance spot by this adapter; "
        + "the strategy must size orders");
  }

  @Override
  public CommandResult closeDelisted(String clientOrderId, int symbol) {
    return CommandResult.rejected("UNSUPPORTED", "a delisted pair cannot be traded on Binance");
  }

  @Override
  public OrderStatus query(String clientOrderId) {
    Integer known = symbolOfClient.get(clientOrderId);
    List<Integer> candidates = known != null ? List.of(known) : java.util.stream.IntStream.range(0, symbols.size())
        .boxed().toList();
    for (int s : candidates) {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("symbol", symbols.get(s));
      p.put("origClientOrderId", clientOrderId);
      Answer a = signed("GET", "/api/v3/order", p);
      if (a.ok()) {
        symbolOfClient.put(clientOrderId, s);
        clientOfOrder.put(a.body().path("orderId").asLong(), clientOrderId);
        return new OrderStatus(clientOrderId, state(a.body().path("status").asText()), s,
            a.body().path("executedQty").asDouble(), a.body().path("status").asText());
      }
      if (!"-2013".equals(a.code())) {
        throw new VenueUnavailableException(a.code(), "query " + clientOrderId + ": " + a.message(),
            a.retryAfterMillis());
      }
    }
    return new OrderStatus(clientOrderId, OrderStatus.State.NOT_FOUND, -1, 0, "Order does not exist.");
  }

  private static OrderStatus.State state(String binance) {
    return switch (binance) {
      case "NEW", "PENDING_NEW" -> OrderStatus.State.WORKING;
      case "PARTIALLY_FILLED" -> OrderStatus.State.PARTIALLY_FILLED;
      case "FILLED" -> OrderStatus.State.FILLED;
      case "CANCELED", "PENDING_CANCEL" -> OrderStatus.State.CANCELLED;
      case "EXPIRED", "EXPIRED_IN_MATCH" -> OrderStatus.State.EXPIRED;
      default -> OrderStatus.State.REJECTED;
    };
  }

  /**
   * The account's trades in the strategy's symbols ({@code /api/v3/myTrades}), all of them: Binance
   * numbers trades per symbol, so an id is {@code binance id × 64 + symbol index}, unique but not in
   * time order across symbols — the runtime's journal applies each once whatever it is handed.
   */
  @Override
  public List<VenueTrade> tradesSince(long afterTradeId) {
    List<VenueTrade> out = new ArrayList<>();
    for (int s = 0; s < symbols.size(); s++) {
      String symbol = symbols.get(s);
      Map<String, String> p = new LinkedHashMap<>();
      p.put("symbol", symbol);
      Answer a = signed("GET", "/api/v3/myTrades", p);
      if (!a.ok()) {
        throw new VenueUnavailableException(a.code(), "myTrades " + symbol + ": " + a.message(), a.retryAfterMillis());
      }
      for (JsonNode t : a.body()) {
        long orderId = t.path("orderId").asLong();
        String client = clientOfOrder.get(orderId);
        if (client == null) {
          client = clientIdOfOrder(symbol, orderId);
        }
        double qty = t.path("qty").asDouble();
        double price = t.path("price").asDouble();
        String asset = t.path("commissionAsset").asText();
        double commission = t.path("commission").asDouble();
        double fee = asset.equals(settings.quoteAsset()) ? commission : asset.equals(base(symbol)) ? commission * price
            : 0;
        out.add(new VenueTrade(t.path("id").asLong() * 64 + s, client, s, symbol, t.path("isBuyer").asBoolean()
            ? Side.BUY : Side.SELL, qty, price, fee, 0, t.path("time").asLong(),
            asset.equals(settings.quoteAsset()) || asset.equals(base(symbol)) ? "" : "commission " + commission + " "
                + asset + " not counted"));
      }
    }
    return out;
  }

  /** The client id of an order the adapter did not place in this session (after a restart). */
  private String clientIdOfOrder(String symbol, long orderId) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("symbol", symbol);
    p.put("orderId", Long.toString(orderId));
    Answer a = signed("GET", "/api/v3/order", p);
    String client = a.ok() ? a.body().path("clientOrderId").asText() : "venue-" + orderId;
    clientOfOrder.put(orderId, client);
    return client;
  }

  @Override
  public List<OrderUpdate> updatesSince(long afterSeq) {
    return List.of(); // order states come from query and openOrders; fills from myTrades
  }

  @Override
  public AccountSnapshot account() {
    Map<String, Double> b = balances(false);
    Map<String, Double> positions = new LinkedHashMap<>();
    for (String symbol : symbols) {
      double q = b.getOrDefault(base(symbol), 0.0);
      if (q != 0) {
        positions.put(symbol, q);
      }
    }
    return new AccountSnapshot(b.getOrDefault(settings.quoteAsset(), 0.0), positions);
  }

  @Override
  public List<OrderStatus> openOrders() {
    List<OrderStatus> out = new ArrayList<>();
    for (int s = 0; s < symbols.size(); s++) {
      Map<String, String> p = new LinkedHashMap<>();
      p.put("symbol", symbols.get(s));
      Answer a = signed("GET", "/api/v3/openOrders", p);
      if (!a.ok()) {
        throw new VenueUnavailableException(a.code(), "openOrders: " + a.message(), a.retryAfterMillis());
      }
      for (JsonNode o : a.body()) {
        String client = o.path("clientOrderId").asText();
        symbolOfClient.put(client, s);
        out.add(new OrderStatus(client, state(o.path("status").asText()), s, o.path("executedQty").asDouble(),
            o.path("status").asText()));
      }
    }
    return out;
  }

  //---------------------------------------------------------------------------
  // HTTP

  /** An answer: the body when ok, else the venue's code and message, and how it maps to an outcome. */
  record Answer(boolean ok, JsonNode body, String code, String message, CommandResult result, long retryAfterMillis) {}

  private JsonNode publicGet(String path, Map<String, String> params) {
    String query = query(params);
    HttpRequest req = HttpRequest.newBuilder(settings.baseUrl().resolve(path + (query.isEmpty() ? "" : "?" + query)))
        .timeout(settings.timeout()).GET().build();
    Answer a = send(req);
    if (!a.ok()) {
      throw new VenueUnavailableException(a.code(), path + ": " + a.message(), a.retryAfterMillis());
    }
    return a.body();
  }

  /** A signed request; a -1021 (clock outside the receive window) resyncs the clock and is sent once more. */
  private Answer signed(String method, String path, Map<String, String> params) {
    if (!synced) {
      try {
        syncClock();
      } catch (VenueUnavailableException e) {
        return new Answer(false, null, e.code(), e.getMessage(), CommandResult.unknown("clock sync: " + e.getMessage()),
            e.retryAfterMillis());
      }
    }
    Answer a = signedOnce(method, path, params);
    if ("-1021".equals(a.code())) {
      try {
        syncClock();
      } catch (VenueUnavailableException e) {
        return a;
      }
      a = signedOnce(method, path, params);
    }
    return a;
  }

  private Answer signedOnce(String method, String path, Map<String, String> params) {
    Map<String, String> p = new LinkedHashMap<>(params);
    p.put("recvWindow", Long.toString(settings.recvWindowMillis()));
    p.put("timestamp", Long.toString(localClock.getAsLong() + clockOffsetMillis));
    String query = query(p);
    String signedQuery = query + "&signature=" + sign(query);
    HttpRequest.Builder b = HttpRequest.newBuilder().timeout(settings.timeout())
        .header("X-MBX-APIKEY", settings.apiKey());
    if (method.equals("POST")) {
      b.uri(settings.baseUrl().resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(signedQuery));
    } else {
      b.uri(settings.baseUrl().resolve(path + "?" + signedQuery)).method(method, HttpRequest.BodyPublishers.noBody());
    }
    return send(b.build());
  }

  private Answer send(HttpRequest req) {
    HttpResponse<String> r;
    try {
      r = http.send(req, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      return unknown("timeout: no answer within " + settings.timeout().toSeconds() + " s");
    } catch (IOException e) {
      return unknown("no answer: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return unknown("interrupted");
    }
    int status = r.statusCode();
    if (status == 429 || status == 418) {
      long retry = r.headers().firstValue("Retry-After").map(v -> Long.parseLong(v.strip()) * 1000).orElse(1000L);
      String msg = (status == 429 ? "rate limited" : "IP banned for hammering the API") + "; Retry-After "
          + retry / 1000 + " s";
      return new Answer(false, null, Integer.toString(status), msg, CommandResult.rateLimited(Integer.toString(status),
          msg, retry), retry);
    }
    if (status >= 500) {
      return unknown("HTTP " + status + " (the request may or may not have been executed)");
    }
    JsonNode body;
    try {
      body = JSON.readTree(r.body());
    } catch (IOException e) {
      return unknown("HTTP " + status + " with a body that is not JSON");
    }
    if (status / 100 == 2) {
      return new Answer(true, body, "", "", CommandResult.accepted(), 0);
    }
    String code = body.path("code").asText(Integer.toString(status));
    String msg = body.path("msg").asText("HTTP " + status);
    return new Answer(false, body, code, msg, CommandResult.rejected(code, msg), 0);
  }

  private static Answer unknown(String why) {
    return new Answer(false, null, "", why, CommandResult.unknown(why), 0);
  }

  static String query(Map<String, String> params) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (!b.isEmpty()) {
        b.append('&');
      }
      b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  /** A decimal as Binance takes it: no exponent, no trailing zeros. */
  static String plain(double v) {
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
