package io.momentic.cli.strategies;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.Output;
import io.momentic.report.Json;
import io.momentic.report.text.Tables;
import io.momentic.strategies.ParamSpec;
import io.momentic.strategies.StrategyCatalog;
import io.momentic.strategies.StrategyDefinition;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code momentic strategies [NAME]}: the built-in strategies, their parameters and defaults, from the catalog. */
@Command(name = "strategies", mixinStandardHelpOptions = true,
    description = "List the strategies (built-in, then any a StrategyProvider on MOMENTIC_CLASSPATH registers; docs/STRATEGIES.md), or one strategy's parameters (type, default, range, description). "
        + "Any strategy also takes the regime-gate parameters listed at the end.")
public final class StrategiesCommand implements Callable<Integer> {

  @Parameters(arity = "0..1", paramLabel = "NAME", description = "A strategy to describe (default: list them all).")
  String name;

  @Mixin
  Output output;

  @Override
  public Integer call() {
    PrintWriter out = output.out();
    List<StrategyDefinition> defs = name == null ? StrategyCatalog.definitions() : List.of(StrategyCatalog.get(name));
    if (output.json()) {
      List<Map<String, Object>> docs = new ArrayList<>();
      for (StrategyDefinition d : defs) {
        docs.add(document(d));
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("strategies", docs);
      doc.put("gate_params", params(StrategyCatalog.GATE));
      doc.put("meta_label_params", params(StrategyCatalog.META));
      out.println(Json.pretty(name == null ? doc : docs.get(0)));
      return ExitCodes.OK;
    }
    if (name == null) {
      List<List<String>> rows = new ArrayList<>();
      for (StrategyDefinition d : defs) {
        rows.add(List.of(d.name(), d.barInterval().map(i -> i.code()).orElse("data's"), Integer.toString(d.params().size()),
            d.summary()));
      }
      Tables.print(out, List.of("strategy", "bars", "params", "what it does"), rows);
      out.println();
      out.println("'momentic strategies NAME' lists a strategy's parameters; set them with --param k=v or [params].");
      return ExitCodes.OK;
    }
    StrategyDefinition d = defs.get(0);
    out.println(d.name() + ": " + d.summary());
    d.barInterval().ifPresent(i -> out.println("counts its parameters in " + i.code() + " bars (finer data is "
        + "aggregated to them)"));
    out.println();
    if (!d.params().isEmpty()) {
      printParams(out, d.params());
      out.println();
    }
    out.println("regime gate (any strategy):");
    printParams(out, StrategyCatalog.GATE);
    out.println();
    out.println("meta-label filter (any strategy; --meta-label P sets meta-threshold):");
    printParams(out, StrategyCatalog.META);
    return ExitCodes.OK;
  }

  private static void printParams(PrintWriter out, List<ParamSpec> params) {
    List<List<String>> rows = new ArrayList<>();
    for (ParamSpec p : params) {
      rows.add(List.of(p.name(), p.type().code(), p.defaultText().isEmpty() ? "–" : p.defaultText(), p.range(),
          p.description()));
    }
    Tables.print(out, List.of("param", "type", "default", "range", "description"), rows);
  }

  private static Map<String, Object> document(StrategyDefinition d) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("name", d.name());
    doc.put("summary", d.summary());
    doc.put("bar_interval", d.barInterval().map(i -> i.code()).orElse(null));
    doc.put("params", params(d.params()));
    return doc;
  }

  private static List<Map<String, Object>> params(List<ParamSpec> params) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (ParamSpec p : params) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", p.name());
      m.put("type", p.type().code());
      m.put("default", p.defaultValue());
      m.put("range", p.range());
      m.put("description", p.description());
      if (!p.choices().isEmpty()) {
        m.put("choices", p.choices());
      }
      out.add(m);
    }
    return out;
  }
}
