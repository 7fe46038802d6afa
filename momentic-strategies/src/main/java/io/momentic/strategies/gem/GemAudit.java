package io.momentic.strategies.gem;

import io.momentic.core.Panel;
import io.momentic.research.LookaheadAudit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GEM as a target of the look-ahead audit. GEM walks its own calendar rather than running as an
 * engine {@code Strategy}, so the audit runs the whole walk on the first n days of the panel and
 * compares what it computed: the portfolio value each day, each token's momentum each day, and every
 * rebalance decision with its targets (token and exact weight).
 */
public final class GemAudit {

  private GemAudit() {}

  /** Audits one configuration of the walk on {@code panel} (one symbol per token). */
  public static LookaheadAudit.Result audit(String name, Panel panel, GemParams params, GemFit.Model model,
      GemBacktest.Timing timing, LookaheadAudit.Options options) {
    return LookaheadAudit.auditWalk(name, "gem walk", panel.times(), days -> {
      GemData data = GemData.of(panel.upTo(days));
      return trace(data, GemBacktest.run(data, params, model, timing));
    }, options);
  }

  /**
   * A deliberately leaking sample the audit must flag: the default GEM walk on candles whose close
   * is the next candle's close (each day fits and trades on tomorrow's close; the last candle keeps
   * its own, having no tomorrow).
   */
  public static LookaheadAudit.Result auditLeakSample(Panel panel, LookaheadAudit.Options options) {
    return LookaheadAudit.auditWalk("leak: GEM fitting on tomorrow's close", "gem walk", panel.times(), days -> {
      GemData data = peekingTomorrowsClose(GemData.of(panel.upTo(days)));
      return trace(data, GemBacktest.run(data, GemParams.DEFAULT, GemFit.Model.EXPONENTIAL,
          GemBacktest.Timing.SAME_CLOSE));
    }, options);
  }

  static GemData peekingTomorrowsClose(GemData data) {
    List<GemData.Candles> shifted = new ArrayList<>();
    for (GemData.Candles c : data.candles()) {
      double[] close = new double[c.size()];
      for (int i = 0; i < close.length; i++) {
        close[i] = c.close()[Math.min(i + 1, close.length - 1)];
      }
      shifted.add(new GemData.Candles(c.time(), c.open(), c.high(), c.low(), close));
    }
    return new GemData(data.tokens(), data.calendar(), List.copyOf(shifted));
  }

  /** What the audit compares of one walk. */
  static LookaheadAudit.Trace trace(GemData data, GemBacktest.Result result) {
    Map<String, double[]> values = new LinkedHashMap<>();
    values.put("value", result.values());
    for (int k = 0; k < data.tokens().size(); k++) {
      values.put("momentum[" + data.tokens().get(k) + "]", result.momentum()[k]);
    }
    List<LookaheadAudit.Decision> decisions = new ArrayList<>();
    for (int i = 0; i < result.rebalanceDays().size(); i++) {
      StringBuilder what = new StringBuilder("rebalance to {");
      for (GemPortfolio.Target t : result.rebalanceTargets().get(i)) {
        if (what.charAt(what.length() - 1) != '{') {
          what.append(", ");
        }
        what.append(data.tokens().get(t.token())).append('=').append(t.weight());
      }
      decisions.add(new LookaheadAudit.Decision(result.rebalanceDays().get(i), what.append('}').toString()));
    }
    return new LookaheadAudit.Trace(values, decisions);
  }
}
