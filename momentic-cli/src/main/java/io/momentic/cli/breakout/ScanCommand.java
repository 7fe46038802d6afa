package io.momentic.cli.breakout;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.cli.Progress;
import io.momentic.core.Interval;
import io.momentic.core.Timestamps;
import io.momentic.report.Json;
import io.momentic.report.text.Tables;
import io.momentic.strategies.breakout.BreakoutScanner;
import io.momentic.strategies.breakout.Signal;
import io.momentic.workflow.breakout.BreakoutRuns;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code momentic scan}: scanners over the bar store. */
@Command(name = "scan", mixinStandardHelpOptions = true, subcommands = ScanCommand.Breakout.class,
    description = "Scanners over the bar store: 'momentic scan breakout --help'.")
public final class ScanCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  public MomenticCommand root;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return ExitCodes.OK;
  }

  /** {@code momentic scan breakout}. */
  @Command(name = "breakout", mixinStandardHelpOptions = true,
      description = "Momentum breakout candles (reference 001) in the last closed candles of every stored USDT pair "
          + "above the quote-volume floor: body >= 60 % of the range and volume >= 1.8x the 7-bar average (ADX "
          + "raises the score, it does not filter). Each signal has its entry, stop and target, its features and "
          + "its regime score. A failing symbol fails alone.")
  public static final class Breakout implements Callable<Integer> {

    @ParentCommand
    ScanCommand parent;

    @Mixin
    Output output;

    @Option(names = "--interval", defaultValue = "4h", paramLabel = "CODE",
        description = "1h, 2h, 4h, 6h, 12h, 1d or 1w (default ${DEFAULT-VALUE}).")
    String interval;

    @Option(names = "--min-quote-volume", defaultValue = "10000000", paramLabel = "USDT",
        description = "Only pairs with at least this 24 h quote volume (close x volume; default ${DEFAULT-VALUE}).")
    double minQuoteVolume;

    @Option(names = "--symbols", split = ",", paramLabel = "A,B", description = "Scan these instead (no volume floor).")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--venue", paramLabel = "NAME", description = "Only this venue's series (default: any).")
    String venue;

    @Option(names = "--depth", defaultValue = "1000", paramLabel = "BARS",
        description = "Bars per symbol (default ${DEFAULT-VALUE}, the reference's depth).")
    int depth;

    @Option(names = "--candles", defaultValue = "3", paramLabel = "N", description = "Last closed candles scored (default ${DEFAULT-VALUE}).")
    int candles;

    @Option(names = "--min-body", defaultValue = "0.60", paramLabel = "SHARE", description = "Body share of the range (default ${DEFAULT-VALUE}).")
    double minBody;

    @Option(names = "--min-vol-mult", defaultValue = "1.8", paramLabel = "X", description = "Volume multiple (default ${DEFAULT-VALUE}).")
    double minVolMult;

    @Option(names = "--store", paramLabel = "FILE", description = "Bar store (default <workspace>/data/store/momentic.db).")
    Path store;

    @Override
    public Integer call() {
      BreakoutRuns.ScanRecord r;
      try (Progress progress = Progress.terminal()) {
        r = BreakoutRuns.scan(new BreakoutRuns.ScanRequest(parent.root.workspace(), store, venue,
            Interval.parse(interval), symbols, minQuoteVolume, depth,
            new BreakoutScanner.Settings(minBody, minVolMult, candles)), progress);
      }
      PrintWriter out = output.out();
      if (output.json()) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("interval", r.interval().code());
        doc.put("scanned", r.scanned());
        doc.put("below_volume", r.belowVolume());
        doc.put("signals", r.signals().stream().map(BreakoutRuns::signalMap).toList());
        doc.put("failed", r.failed().stream().map(f -> Map.of("symbol", f.symbol(), "error", String.valueOf(f.error())))
            .toList());
        out.println(Json.pretty(doc));
      } else {
        List<List<String>> rows = new ArrayList<>();
        for (Signal s : r.signals()) {
          rows.add(List.of(s.symbol(), Timestamps.format(s.timeMillis()), s.direction().name(), fmt("%.1f", s.score()),
              fmt("%.2f", s.bodyPct()), fmt("%.2f", s.volMult()), fmt("%.1f", s.adx()), fmt("%.1f", s.regimeScore()),
              fmt("%.6g", s.entry()), fmt("%.6g", s.stop()), fmt("%.6g", s.target())));
        }
        Tables.print(out, List.of("symbol", "bar", "dir", "score", "body", "vol x", "adx", "regime", "entry", "stop",
            "target (2R)"), rows);
        out.println();
        out.println(r.signals().size() + " signal(s) in " + r.scanned() + " symbol(s) on " + r.interval().code()
            + (r.belowVolume() > 0 ? "; " + r.belowVolume() + " below the quote-volume floor" : "")
            + (r.failed().isEmpty() ? "" : "; " + r.failed().size() + " failed"));
        if (!r.signals().isEmpty()) {
          Signal s = r.signals().get(0);
          out.println("regime inputs: " + String.join(", ", s.regimeInputsUsed()) + (s.regimeInputsMissing().isEmpty()
              ? "" : " (missing: " + String.join(", ", s.regimeInputsMissing()) + "; weights renormalised)"));
          out.println("next: momentic breakout analyse " + s.symbol() + " --interval " + r.interval().code());
        }
        r.failed().forEach(f -> out.println("failed: " + f.symbol() + ": " + f.error()));
      }
      return r.failed().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }

  static String fmt(String pattern, double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, pattern, v);
  }
}
