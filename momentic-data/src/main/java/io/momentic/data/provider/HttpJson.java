package io.momentic.data.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * GET a JSON document with the retry policy: 429 and 418 honour Retry-After (seconds), 5xx,
 * timeouts, dropped connections and truncated bodies back off with jitter; other 4xx fail at once
 * (the caller decides whether the body means "unknown symbol").
 */
public final class HttpJson {

  /** A non-retryable HTTP answer. */
  public static final class HttpStatusException extends FetchException {
    private final int status;
    private final String body;

    HttpStatusException(String message, int status, String body) {
      super(message, null);
      this.status = status;
      this.body = body;
    }

    public int status() {
      return status;
    }

    public String body() {
      return body;
    }
  }

  // Two documents back to back (or garbage after one) are a broken response, not the first document.
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final HttpClient client;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final SplittableRandom jitter;
  /** System.nanoTime() after which no request starts and no retry waits; Long.MAX_VALUE: none. */
  private final long deadlineNanos;
  private final Duration totalTimeout;

  public HttpJson(RetryPolicy policy, Sleeper sleeper) {
    this(policy, sleeper, null);
  }

  /** As above, every call together bounded by {@code totalTimeout} from now (null: unbounded). */
  public HttpJson(RetryPolicy policy, Sleeper sleeper, Duration totalTimeout) {
    this.client = HttpClient.newBuilder().connectTimeout(policy.requestTimeout())
        .version(HttpClient.Version.HTTP_1_1).build();
    this.policy = policy;
    this.sleeper = sleeper;
    this.jitter = policy.newJitter();
    this.totalTimeout = totalTimeout;
    this.deadlineNanos = totalTimeout == null ? Long.MAX_VALUE : System.nanoTime() + totalTimeout.toNanos();
  }

  private long remainingMillis() {
    return deadlineNanos == Long.MAX_VALUE ? Long.MAX_VALUE : (deadlineNanos - System.nanoTime()) / 1_000_000;
  }

  private FetchException outOfTime(URI uri, String last) {
    return new FetchException(uri + ": the fetch's time limit (--timeout " + totalTimeout.toSeconds() + " s) ran out"
        + (last == null ? "" : " (last: " + last + ")") + "; fix: raise --timeout, or fetch fewer symbols per run",
        null);
  }

  public RetryPolicy policy() {
    return policy;
  }

  /** GET {@code uri} and parse the body as JSON. */
  public JsonNode get(URI uri) {
    return get(uri, java.util.Map.of());
  }

  /** As {@link #get(URI)}, with request headers (an API key; never logged or put in a message). */
  public JsonNode get(URI uri, java.util.Map<String, String> headers) {
    String lastFailure = "no attempt";
    Throwable lastCause = null;
    for (int attempt = 0; attempt <= policy.maxRetries(); attempt++) {
      long waitMillis;
      long remaining = remainingMillis();
      if (remaining <= 0) {
        throw outOfTime(uri, attempt == 0 ? null : lastFailure);
      }
      try {
        Duration requestTimeout = remaining < policy.requestTimeout().toMillis() ? Duration.ofMillis(remaining)
            : policy.requestTimeout();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(requestTimeout)
            .header("Accept", "application/json");
        headers.forEach(builder::header);
        HttpRequest request = builder.GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          try {
            return JSON.readTree(response.body());
          } catch (JsonProcessingException e) {
            lastFailure = "truncated or malformed JSON (" + response.body().length() + " chars): "
                + e.getOriginalMessage();
            lastCause = e;
            waitMillis = policy.backoffMillis(attempt, jitter);
          }
        } else if (status == 429 || status == 418) {
          long serverWait = retryAfterMillis(response);
          lastFailure = "HTTP " + status + (status == 418 ? " (IP banned for ignoring 429s)" : " (rate limited)")
              + (serverWait >= 0 ? ", Retry-After " + serverWait / 1000 + " s" : "");
          if (serverWait > policy.maxServerWait().toMillis()) {
            throw new FetchException(uri + ": " + lastFailure + " exceeds the longest wait allowed ("
                + policy.maxServerWait().toSeconds() + " s); fix: try again after the wait, and fetch fewer symbols"
                + " per run", null);
          }
          waitMillis = serverWait >= 0 ? serverWait : policy.backoffMillis(attempt, jitter);
        } else if (status >= 500) {
          lastFailure = "HTTP " + status;
          waitMillis = policy.backoffMillis(attempt, jitter);
        } else {
          throw new HttpStatusException(uri + ": HTTP " + status + ": " + abbreviate(response.body()), status,
              response.body());
        }
      } catch (HttpTimeoutException e) {
        lastFailure = "timed out after " + policy.requestTimeout().toMillis() + " ms";
        lastCause = e;
        waitMillis = policy.backoffMillis(attempt, jitter);
      } catch (IOException e) {
        lastFailure = "connection failed: " + e;
        lastCause = e;
        waitMillis = policy.backoffMillis(attempt, jitter);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FetchException(uri + ": interrupted", e);
      }
      if (attempt == policy.maxRetries()) {
        break;
      }
      if (waitMillis >= remainingMillis()) {
        throw outOfTime(uri, lastFailure);
      }
      try {
        sleeper.sleep(waitMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new FetchException(uri + ": interrupted while waiting to retry", e);
      }
    }
    throw new FetchException(uri + ": gave up after " + (policy.maxRetries() + 1) + " attempts; last: " + lastFailure,
        lastCause);
  }

  /** Retry-After in milliseconds (seconds form), or -1 when absent or unreadable. */
  private static long retryAfterMillis(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").map(v -> {
      try {
        return Math.max(0, Long.parseLong(v.trim())) * 1000;
      } catch (NumberFormatException e) {
        return -1L;
      }
    }).orElse(-1L);
  }

  private static String abbreviate(String body) {
    return body.length() <= 200 ? body : body.substring(0, 200) + "…";
  }
}
