package io.momentic.cli.research;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.MomenticCommand;
import io.momentic.cli.Output;
import io.momentic.cli.backtest.RunOptions;
import io.momentic.core.AtomicFiles;
import io.momentic.research.FeatureTable;
import io.momentic.strategies.StrategyCatalog;
import io.momentic.workflow.backtest.BacktestRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code momentic features}: the processed table of a strategy's inputs and holdings, per date. */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = "The processed feature table of a strategy on its data (reference 002 §4.3): per traded bar, newest "
        + "first, each symbol's closing_price and daily_return, every feature the strategy decides on, its "
        + "position_weight at the close and the cash_weight. Writes <workspace>/data/processed/features_<strategy>.csv "
        + "(or --out).")
public final class FeaturesCommand implements Callable<Integer> {

  @ParentCommand
  MomenticCommand root;

  @Mixin
  RunOptions run;

  @Option(names = "--out", paramLabel = "FILE.csv", description = "Where the table goes.")
  Path out;

  @Mixin
  Output output;

  @Override
  public Integer call() throws IOException {
    BacktestRun.RunRequest spec = run.request();
    BacktestRun.RunData data = BacktestRun.load(spec, run.loadOptions());
    io.momentic.cli.backtest.RunOptions.printNotes(output.err(), data.notes());
    String table = FeatureTable.csv(data.panel(), StrategyCatalog.resolve(spec.strategy(), spec.params()).create(),
        BacktestRun.measuredConfig(spec, data));
    Path file = out != null ? out : root.workspace().processed().resolve("features_" + spec.strategy() + ".csv");
    Files.createDirectories(file.toAbsolutePath().getParent());
    AtomicFiles.writeString(file, table);
    long rows = table.chars().filter(ch -> ch == '\n').count() - 1;
    output.out().println("features: " + rows + " row(s), newest first, to " + file);
    return ExitCodes.OK;
  }
}
