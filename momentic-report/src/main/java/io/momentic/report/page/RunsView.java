package io.momentic.report.page;

import java.util.List;

/** The server's list of run folders with their headline numbers. */
public record RunsView(Chrome chrome, List<Row> runs) {

  /** {@code chart} is null for a run without an equity file. */
  public record Row(String id, String report, String totalReturn, String sharpe, String maxDrawdown, String chart) {}
}
