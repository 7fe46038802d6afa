package io.momentic.paper.runtime;

import io.momentic.core.AtomicFiles;
import io.momentic.core.Csv;
import io.momentic.core.Timestamps;
import io.momentic.paper.journal.Journal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The incident ledger (reference 003's operator kept one by hand): every mismatch, refused start or
 * failed check is a row — never a silent fix. Rows live in the journal (kind INCIDENT, under the
 * portfolio's slot) and are written out as {@code incidents.csv} after each change.
 */
public final class Incidents {

  /** The journal slot of portfolio-wide entries (incidents, the kill switch). */
  public static final String PORTFOLIO = "_portfolio";

  /** P1: money at risk or the books cannot be trusted; P2: a strategy stopped; P3: degraded; P4: note. */
  public enum Severity { P1, P2, P3, P4 }

  public record Incident(String id, long openedMillis, Severity severity, String klass, List<String> strategies,
      String impact, String rule, String remediation, long closedMillis) {

    public boolean open() {
      return closedMillis == Long.MIN_VALUE;
    }

    /**
     * The incident under {@link #COLUMNS}' names, times as ISO instants (closed: null while open):
     * the JSON of {@code paper incidents} and, cell by cell, a row of {@code incidents.csv}.
     */
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("opened", Timestamps.format(openedMillis));
      m.put("severity", severity.name());
      m.put("class", klass);
      m.put("strategies", strategies);
      m.put("impact", impact);
      m.put("detecting_rule", rule);
      m.put("remediation", remediation);
      m.put("closed", open() ? null : Timestamps.format(closedMillis));
      return m;
    }
  }

  /** The ledger's columns, in {@code incidents.csv}'s order. */
  public static final List<String> COLUMNS = List.of("id", "opened", "severity", "class", "strategies", "impact",
      "detecting_rule", "remediation", "closed");

  private Incidents() {}

  /** Opens an incident: journaled, then the CSV rewritten. Returns its id. */
  public static String open(Journal journal, long nowMillis, Severity severity, String klass, List<String> strategies,
      String impact, String rule, String remediation, Path csv) {
    List<Incident> existing = read(journal.entries(PORTFOLIO));
    String id = String.format(java.util.Locale.ROOT, "INC-%04d", existing.size() + 1);
    Map<String, Object> p = new TreeMap<>();
    p.put("severity", severity.name());
    p.put("class", klass);
    p.put("strategies", String.join(";", strategies));
    p.put("impact", impact);
    p.put("rule", rule);
    p.put("remediation", remediation);
    journal.append(nowMillis, PORTFOLIO, Journal.Kind.INCIDENT, id, nowMillis, PaperRuntime.write(p));
    writeCsv(journal, csv);
    return id;
  }

  /** Closes an open incident (an operator's word that it is dealt with). */
  public static void close(Journal journal, long nowMillis, String id, String note, Path csv) {
    Map<String, Object> p = new TreeMap<>();
    p.put("closes", id);
    p.put("note", note);
    journal.append(nowMillis, PORTFOLIO, Journal.Kind.INCIDENT, id + "/closed", nowMillis, PaperRuntime.write(p));
    writeCsv(journal, csv);
  }

  /** Every incident in the journal's portfolio entries, with its closing time when closed. */
  public static List<Incident> read(List<Journal.Entry> portfolioEntries) {
    Map<String, Incident> byId = new LinkedHashMap<>();
    for (Journal.Entry e : portfolioEntries) {
      if (e.kind() != Journal.Kind.INCIDENT) {
        continue;
      }
      Map<String, Object> p = PaperRuntime.read(e.payload());
      if (p.containsKey("closes")) {
        Incident i = byId.get((String) p.get("closes"));
        if (i != null) {
          byId.put(i.id(), new Incident(i.id(), i.openedMillis(), i.severity(), i.klass(), i.strategies(), i.impact(),
              i.rule(), i.remediation(), e.recordedMillis()));
        }
      } else {
        String s = (String) p.get("strategies");
        byId.put(e.ref(), new Incident(e.ref(), e.recordedMillis(), Severity.valueOf((String) p.get("severity")),
            (String) p.get("class"), s.isEmpty() ? List.of() : List.of(s.split(";")), (String) p.get("impact"),
            (String) p.get("rule"), (String) p.get("remediation"), Long.MIN_VALUE));
      }
    }
    return new ArrayList<>(byId.values());
  }

  /** {@code incidents.csv}: id, opened, severity, class, strategies, impact, detecting rule, remediation, closed. */
  public static void writeCsv(Journal journal, Path csv) {
    if (csv == null) {
      return;
    }
    List<List<String>> rows = new ArrayList<>();
    for (Incident i : read(journal.entries(PORTFOLIO))) {
      Map<String, Object> m = i.toMap();
      rows.add(COLUMNS.stream().map(c -> csvCell(m.get(c))).toList());
    }
    try {
      AtomicFiles.writeString(csv, Csv.table(COLUMNS, rows));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + csv + "; fix: check the state folder's permissions", e);
    }
  }

  /** A ledger value as a CSV cell: the strategies joined by ';', an open incident's closed time empty. */
  private static String csvCell(Object value) {
    if (value instanceof List<?> list) {
      return String.join(";", list.stream().map(String::valueOf).toList());
    }
    return value == null ? "" : String.valueOf(value);
  }
}
