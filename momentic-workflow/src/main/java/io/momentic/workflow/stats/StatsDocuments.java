package io.momentic.workflow.stats;

import io.momentic.analytics.Bootstrap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The documents statistics are reported as, shared by {@code stats} and the sweep's summary. */
public final class StatsDocuments {

  private StatsDocuments() {}

  /** The fields a bootstrap interval reports, as {@code stats bootstrap} and the sweep report print them. */
  public static Map<String, Object> interval(String statistic, Bootstrap.Interval ci) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("statistic", statistic);
    out.put("estimate", ci.estimate());
    out.put("lower", ci.lower());
    out.put("upper", ci.upper());
    out.put("level", ci.level());
    out.put("method", ci.method().name().toLowerCase(Locale.ROOT));
    out.put("block_length", ci.blockLength());
    out.put("resamples", ci.resamples());
    out.put("valid_resamples", ci.validResamples());
    out.put("seed", ci.seed());
    return out;
  }
}
