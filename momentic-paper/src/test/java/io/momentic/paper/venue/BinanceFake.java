package io.momentic.paper.venue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Binance-shaped spot exchange on loopback, for the adapter's tests: the REST v3 endpoints the
 * adapter uses, HMAC-SHA256 signature and {@code recvWindow} checks, the exchange-info filters, the
 * error codes and messages Binance documents (-1013 filter failure, -1015 too many orders, -1021
 * timestamp outside the receive window, -1022 bad signature, -2010 new order rejected, -2011 cancel
 * of an unknown order, -2013 query of an unknown order), the rate-limit headers, and a fault script
 * per endpoint (a reply dropped after the order was taken, a 503, a 429 with Retry-After).
 *
 * <p>Matching: a market order fills at once at the symbol's last price; a limit order rests and fills
 * when {@link #setPrice} crosses it; LIMIT_MAKER is refused when it would match at once. Commission
 * is 0.1 % of the notional, charged in the quote asset (as with a quote-asset fee discount; real
 * Binance charges a buy in the base asset unless BNB pays).
 */
public final class BinanceFake implements AutoCloseable {

  /** A scripted fault for the next request to an endpoint. */
  public enum Fault {
    /** The order is taken, then the connection is closed without an answer. */
    DROP_REPLY,
    /** HTTP 503 before anything is done. */
    UNAVAILABLE,
    /** HTTP 429 with Retry-After: 1, nothing done. */
    RATE_LIMITED,
    /** -1015 Too many new orders, nothing done. */
    TOO_MANY_ORDERS,
    /** -1013 Filter failure: PRICE_FILTER (a refusal, nothing done). */
    FILTER_FAILURE
  }

  public static final String API_KEY = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
  public static final String SECRET = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The filters {@link #exchangeInfo} publishes, as the one rules record every side checks with. */
  static final io.momentic.engine.exec.VenueRules RULES = new io.momentic.engine.exec.VenueRules(0.01, 0.0001, 0.0001,
      10, 4, 200, false);

  private final HttpServer server;
  private final Map<String, Double> prices = new HashMap<>();
  private final Map<String, Double> balances = new LinkedHashMap<>();
  private final Map<String, Deque<Fault>> faults = new HashMap<>();
  private final List<Map<String, Object>> orders = new ArrayList<>();
  private final List<Map<String, Object>> trades = new ArrayList<>();
  private final Map<String, Integer> requests = new HashMap<>();
  private long serverSkewMillis;
  private long nextOrderId = 1;
  private long nextTradeId = 1;
  private int weight;
  private final String quote = "USDT";

  public BinanceFake(double usdt) throws IOException {
    balances.put(quote, usdt);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public synchronized void setPrice(String symbol, double price) {
    prices.put(symbol, price);
    for (Map<String, Object> o : orders) {
      if (o.get("symbol").equals(symbol) && o.get("status").equals("NEW")) {
        double limit = (double) o.get("price");
        boolean buy = o.get("side").equals("BUY");
        if (buy ? price <= limit : price >= limit) {
          fill(o, limit);
        }
      }
    }
  }

  /** The server's clock runs this far ahead of the machine's. */
  public synchronized void skewClock(long millis) {
    serverSkewMillis = millis;
  }

  public synchronized void fault(String methodAndPath, Fault fault) {
    faults.computeIfAbsent(methodAndPath, k -> new ArrayDeque<>()).add(fault);
  }

  public synchronized double balance(String asset) {
    return balances.getOrDefault(asset, 0.0);
  }

  public synchronized int requests(String methodAndPath) {
    return requests.getOrDefault(methodAndPath, 0);
  }

  /** Orders taken, by client order id (a duplicate would show twice). */
  public synchronized List<String> clientOrderIds() {
    return orders.stream().map(o -> (String) o.get("clientOrderId")).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  //---------------------------------------------------------------------------

  private synchronized void handle(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getPath();
    String method = x.getRequestMethod();
    String key = method + " " + path;
    requests.merge(key, 1, Integer::sum);
    weight++;
    Map<String, String> p = params(x.getRequestURI().getRawQuery());
    String rawQuery = x.getRequestURI().getRawQuery();
    if (method.equals("POST")) {
      rawQuery = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      p = params(rawQuery);
    }
    Deque<Fault> q = faults.get(key);
    Fault f = q == null ? null : q.poll();
    if (f == Fault.UNAVAILABLE) {
      reply(x, 503, Map.of("code", -1001, "msg", "Internal error; unable to process your request. Please try again."));
      return;
    }
    if (f == Fault.RATE_LIMITED) {
      x.getResponseHeaders().add("Retry-After", "1");
      reply(x, 429, Map.of("code", -1003, "msg", "Too much request weight used; current limit is 6000 request weight "
          + "per 1 MINUTE."));
      return;
    }
    if (f == Fault.FILTER_FAILURE) {
      reply(x, 400, Map.of("code", -1013, "msg", "Filter failure: PRICE_FILTER"));
      return;
    }
    if (f == Fault.TOO_MANY_ORDERS) {
      reply(x, 429, Map.of("code", -1015, "msg", "Too many new orders; current limit is 50 orders per 10 SECOND."));
      return;
    }
    switch (path) {
      case "/api/v3/time" -> reply(x, 200, Map.of("serverTime", System.currentTimeMillis() + serverSkewMillis));
      case "/api/v3/exchangeInfo" -> reply(x, 200, exchangeInfo(p.get("symbol")));
      case "/api/v3/ticker/price" -> reply(x, 200, Map.of("symbol", p.get("symbol"), "price",
          Double.toString(prices.getOrDefault(p.get("symbol"), 0.0))));
      default -> {
        String refused = authenticate(x, rawQuery, p);
        if (refused != null) {
          return;
        }
        signedEndpoint(x, key, p, f);
      }
    }
  }

  /** Null when the request is signed and in time; else the error already sent. */
  private String authenticate(HttpExchange x, String rawQuery, Map<String, String> p) throws IOException {
    if (!API_KEY.equals(x.getRequestHeaders().getFirst("X-MBX-APIKEY"))) {
      reply(x, 401, Map.of("code", -2015, "msg", "Invalid API-key, IP, or permissions for action."));
      return "key";
    }
    int at = rawQuery.lastIndexOf("&signature=");
    String payload = at < 0 ? rawQuery : rawQuery.substring(0, at);
    String signature = at < 0 ? "" : rawQuery.substring(at + "&signature=".length());
    if (!hmac(payload).equals(signature)) {
      reply(x, 400, Map.of("code", -1022, "msg", "Signature for this request is not valid."));
      return "signature";
    }
    long ts = Long.parseLong(p.getOrDefault("timestamp", "0"));
    long window = Long.parseLong(p.getOrDefault("recvWindow", "5000"));
    long now = System.currentTimeMillis() + serverSkewMillis;
    if (ts > now + 1000 || now - ts > window) {
      reply(x, 400, Map.of("code", -1021, "msg", "Timestamp for this request is outside of the recvWindow."));
      return "time";
    }
    return null;
  }

  private void signedEndpoint(HttpExchange x, String key, Map<String, String> p, Fault f) throws IOException {
    switch (key) {
      case "POST /api/v3/order" -> newOrder(x, p, f);
      case "DELETE /api/v3/order" -> {
        Map<String, Object> o = find(p);
        if (o == null || !o.get("status").equals("NEW")) {
          reply(x, 400, Map.of("code", -2011, "msg", "Unknown order sent."));
        } else {
          o.put("status", "CANCELED"); // locked balances follow from the working orders
          reply(x, 200, view(o));
        }
      }
      case "GET /api/v3/order" -> {
        Map<String, Object> o = find(p);
        if (o == null) {
          reply(x, 400, Map.of("code", -2013, "msg", "Order does not exist."));
        } else {
          reply(x, 200, view(o));
        }
      }
      case "GET /api/v3/openOrders" -> reply(x, 200, orders.stream().filter(o -> o.get("symbol").equals(p.get("symbol"))
          && o.get("status").equals("NEW")).map(BinanceFake::view).toList());
      case "GET /api/v3/account" -> {
        List<Map<String, Object>> b = new ArrayList<>();
        balances.forEach((asset, v) -> b.add(Map.of("asset", asset, "free", Double.toString(v - locked(asset)),
            "locked", Double.toString(locked(asset)))));
        reply(x, 200, Map.of("canTrade", true, "balances", b));
      }
      case "GET /api/v3/myTrades" -> reply(x, 200, trades.stream().filter(t -> t.get("symbol").equals(p.get("symbol")))
          .toList());
      default -> reply(x, 404, Map.of("code", -1100, "msg", "Unknown endpoint " + key));
    }
  }

  private void newOrder(HttpExchange x, Map<String, String> p, Fault f) throws IOException {
    String symbol = p.get("symbol");
    String base = symbol.substring(0, symbol.length() - quote.length());
    String client = p.get("newClientOrderId");
    if (orders.stream().anyMatch(o -> o.get("clientOrderId").equals(client))) {
      reply(x, 400, Map.of("code", -2010, "msg", "Duplicate order sent."));
      return;
    }
    double price = prices.getOrDefault(symbol, 0.0);
    String type = p.get("type");
    double limit = p.containsKey("price") ? Double.parseDouble(p.get("price")) : price;
    double qty;
    if (p.containsKey("quoteOrderQty")) {
      qty = Math.floor(Double.parseDouble(p.get("quoteOrderQty")) / (price * 1.001) / 0.0001) / 10_000;
    } else {
      qty = Double.parseDouble(p.get("quantity"));
    }
    // The filters are checked with the same VenueRules the backtest and the paper venue apply.
    String violation = RULES.violation(qty, type.equals("MARKET") ? price : limit);
    if (violation != null) {
      reply(x, 400, Map.of("code", -1013, "msg", "Filter failure: " + (violation.contains("lot step")
          || violation.contains("minimum quantity") ? "LOT_SIZE" : "NOTIONAL")));
      return;
    }
    boolean buy = p.get("side").equals("BUY");
    double cost = qty * (type.equals("MARKET") ? price : limit) * 1.001;
    if (buy ? balance(quote) - locked(quote) < cost - 1e-9 : balance(base) - locked(base) < qty - 1e-12) {
      reply(x, 400, Map.of("code", -2010, "msg", "Account has insufficient balance for requested action."));
      return;
    }
    if (type.equals("LIMIT_MAKER") && (buy ? limit >= price : limit <= price)) {
      reply(x, 400, Map.of("code", -2010, "msg", "Order would immediately match and take."));
      return;
    }
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("symbol", symbol);
    o.put("orderId", nextOrderId++);
    o.put("clientOrderId", client);
    o.put("side", p.get("side"));
    o.put("type", type);
    o.put("price", limit);
    o.put("origQty", qty);
    o.put("executedQty", 0.0);
    o.put("status", "NEW");
    orders.add(o);
    if (type.equals("MARKET") || (buy ? price <= limit : price >= limit)) {
      fill(o, type.equals("MARKET") ? price : limit);
    }
    if (f == Fault.DROP_REPLY) {
      x.close(); // taken, and the answer is lost
      return;
    }
    reply(x, 200, view(o));
  }

  private void fill(Map<String, Object> o, double price) {
    String symbol = (String) o.get("symbol");
    String base = symbol.substring(0, symbol.length() - quote.length());
    double qty = (double) o.get("origQty");
    boolean buy = o.get("side").equals("BUY");
    double notional = qty * price;
    double commission = notional * 0.001;
    balances.merge(quote, buy ? -notional - commission : notional - commission, Double::sum);
    balances.merge(base, buy ? qty : -qty, Double::sum);
    o.put("status", "FILLED");
    o.put("executedQty", qty);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("symbol", symbol);
    t.put("id", nextTradeId++);
    t.put("orderId", o.get("orderId"));
    t.put("price", Double.toString(price));
    t.put("qty", Double.toString(qty));
    t.put("commission", Double.toString(commission));
    t.put("commissionAsset", quote);
    t.put("time", System.currentTimeMillis());
    t.put("isBuyer", buy);
    trades.add(t);
  }

  private double locked(String asset) {
    double sum = 0;
    for (Map<String, Object> o : orders) {
      if (!o.get("status").equals("NEW")) {
        continue;
      }
      String symbol = (String) o.get("symbol");
      boolean buy = o.get("side").equals("BUY");
      if (buy && asset.equals(quote)) {
        sum += (double) o.get("origQty") * (double) o.get("price") * 1.001;
      } else if (!buy && asset.equals(symbol.substring(0, symbol.length() - quote.length()))) {
        sum += (double) o.get("origQty");
      }
    }
    return sum;
  }

  private Map<String, Object> find(Map<String, String> p) {
    for (Map<String, Object> o : orders) {
      if (o.get("symbol").equals(p.get("symbol")) && (o.get("clientOrderId").equals(p.get("origClientOrderId"))
          || String.valueOf(o.get("orderId")).equals(p.get("orderId")))) {
        return o;
      }
    }
    return null;
  }

  private static Map<String, Object> view(Map<String, Object> o) {
    Map<String, Object> v = new LinkedHashMap<>(o);
    v.put("price", Double.toString((double) o.get("price")));
    v.put("origQty", Double.toString((double) o.get("origQty")));
    v.put("executedQty", Double.toString((double) o.get("executedQty")));
    return v;
  }

  private static Map<String, Object> exchangeInfo(String symbol) {
    return Map.of("symbols", List.of(Map.of("symbol", symbol, "status", "TRADING", "filters", List.of(
        Map.of("filterType", "PRICE_FILTER", "minPrice", "0.01", "maxPrice", "1000000.00", "tickSize", "0.01"),
        Map.of("filterType", "LOT_SIZE", "minQty", "0.0001", "maxQty", "9000.0", "stepSize", "0.0001"),
        Map.of("filterType", "NOTIONAL", "minNotional", "10.0", "applyMinToMarket", true),
        Map.of("filterType", "PERCENT_PRICE_BY_SIDE", "bidMultiplierUp", "5", "bidMultiplierDown", "0.2",
            "askMultiplierUp", "5", "askMultiplierDown", "0.2"),
        Map.of("filterType", "MAX_NUM_ORDERS", "maxNumOrders", 200)))));
  }

  private void reply(HttpExchange x, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.getResponseHeaders().add("X-MBX-USED-WEIGHT-1M", Integer.toString(weight));
    x.getResponseHeaders().add("X-MBX-ORDER-COUNT-10S", Integer.toString(orders.size()));
    x.sendResponseHeaders(status, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  private static Map<String, String> params(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String hmac(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
