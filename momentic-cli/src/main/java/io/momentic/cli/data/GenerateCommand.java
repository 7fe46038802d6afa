package io.momentic.cli.data;

import io.momentic.cli.Main;
import io.momentic.cli.MomenticCommand;
import io.momentic.core.BarSeries;
import io.momentic.core.ConfigException;
import io.momentic.core.TradingCalendar;
import io.momentic.data.SyntheticMarket;
import io.momentic.data.Workspace;
import io.momentic.workflow.data.Synthetic;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code momentic generate}: a seeded synthetic universe into {@code data/raw/}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate a seeded synthetic universe (GBM or Ornstein-Uhlenbeck, correlated, optional jumps and "
        + "regime switches) as canonical CSVs in <workspace>/data/raw/.")
public final class GenerateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Option(names = "--symbols", defaultValue = "12", description = "Number of symbols (default ${DEFAULT-VALUE}).")
  int symbols;

  @Option(names = "--bars", defaultValue = "1500", description = "Bars per symbol (default ${DEFAULT-VALUE}).")
  int bars;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--model", defaultValue = "gbm", description = "gbm or ou (default ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--calendar", defaultValue = "exchange",
      description = "exchange (weekdays, 252/yr) or continuous (every day, 365/yr); default ${DEFAULT-VALUE}.")
  String calendar;

  @Option(names = "--drift", defaultValue = "0.07", description = "Annual drift μ (default ${DEFAULT-VALUE}).")
  double drift;

  @Option(names = "--volatility", defaultValue = "0.25", description = "Annual volatility σ (default ${DEFAULT-VALUE}).")
  double volatility;

  @Option(names = "--correlation", defaultValue = "0.3", description = "Pairwise correlation ρ (default ${DEFAULT-VALUE}).")
  double correlation;

  @Option(names = "--mean-reversion", defaultValue = "2.0", description = "OU speed θ per year (default ${DEFAULT-VALUE}).")
  double meanReversion;

  @Option(names = "--jumps", paramLabel = "PER_YEAR", defaultValue = "0",
      description = "Jump intensity λ per year, jump size N(-0.02, 0.06) (default ${DEFAULT-VALUE}).")
  double jumps;

  @Option(names = "--regimes", description = "Switch between calm and stress regimes (stress: 2.5× σ, −30%%/yr drift).")
  boolean regimes;

  @Override
  public Integer call() {
    SyntheticMarket.Spec s = spec(symbols, bars, seed);
    Workspace ws = root.workspace().create();
    List<BarSeries> universe = Synthetic.write(ws, s);
    Synthetic.printSummary(spec.commandLine().getOut(), universe, ws, s);
    return Main.EXIT_OK;
  }

  public SyntheticMarket.Spec spec(int n, int barCount, long randomSeed) {
    if (n < 1 || n > 5000) {
      throw new ConfigException("symbols", "expected 1..5000, found " + n);
    }
    if (barCount < 2 || barCount > 10_000_000) {
      throw new ConfigException("bars", "expected 2..10000000, found " + barCount);
    }
    SyntheticMarket.Spec s = SyntheticMarket.Spec.gbmUniverse(n, barCount, randomSeed)
        .withDriftAndVolatility(drift, volatility)
        .withCorrelation(correlation);
    switch (model.toLowerCase(Locale.ROOT)) {
      case "gbm" -> { }
      case "ou" -> s = s.withModel(SyntheticMarket.Model.ORNSTEIN_UHLENBECK, meanReversion);
      default -> throw new ConfigException("model", "expected gbm or ou, found '" + model + "'");
    }
    switch (calendar.toLowerCase(Locale.ROOT)) {
      case "exchange" -> { }
      case "continuous" -> s = s.withCalendar(TradingCalendar.CONTINUOUS);
      default -> throw new ConfigException("calendar", "expected exchange or continuous, found '" + calendar + "'");
    }
    if (jumps > 0) {
      s = s.withJumps(jumps, -0.02, 0.06);
    }
    if (regimes) {
      s = s.withRegimes(2.5, -0.30, 0.01);
    }
    return s;
  }
}
