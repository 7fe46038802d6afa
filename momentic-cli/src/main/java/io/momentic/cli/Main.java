package io.momentic.cli;

import io.momentic.core.ConfigException;
import io.momentic.core.DataFormatException;
import io.momentic.core.LoadFailure;
import io.momentic.core.RunFailure;
import io.momentic.report.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point. Exit codes: 0 ok; 1 failure (an error of the environment, or an internal invariant:
 * "internal error: …"); 2 bad input or configuration ({@link DataFormatException},
 * {@link ConfigException}, a bad option) — one line on stderr, a stack trace only with
 * {@code --debug}. With {@code --json} the error line is a JSON object.
 */
public final class Main {

  public static final int EXIT_OK = ExitCodes.OK;
  public static final int EXIT_FAILURE = ExitCodes.FAILURE;
  public static final int EXIT_BAD_INPUT = ExitCodes.BAD_INPUT;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (for tests: no {@code System.exit}). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    Progress.reset(err);
    CommandLine cli = commandLine(out, err, args);
    return cli.execute(args);
  }

  /** The whole command tree (what help, completion scripts and tests of every command need). */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    return commandLine(out, err, (String[]) null);
  }

  /**
   * The command tree for {@code args}: only the subcommand they name when they name one (and none
   * for a bare {@code --version}), else all of them — so an unknown or misspelled command still gets
   * picocli's list and suggestions. Global options before the command ({@code --workspace DIR},
   * {@code --debug}) are skipped over to find it.
   */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] commandArgs) {
    MomenticCommand root = new MomenticCommand();
    CommandLine cli = new CommandLine(root);
    for (Class<?> sub : subcommandsFor(commandArgs)) {
      cli.addSubcommand(MomenticCommand.nameOf(sub), sub);
    }
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      String message = (ex instanceof CommandLine.UnmatchedArgumentException u ? unmatched(u) : ex.getMessage())
          + " (see '" + c.getCommandSpec().qualifiedName() + " --help')";
      report(c.getErr(), wantsJson(args), message, null, "see '" + c.getCommandSpec().qualifiedName() + " --help'");
      return ExitCodes.BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((ex, c, parseResult) -> {
      boolean debug = root.debug;
      boolean json = wantsJson(parseResult.originalArgs().toArray(String[]::new));
      if (debug) {
        ex.printStackTrace(c.getErr());
      }
      if (ex instanceof DataFormatException dfe) {
        report(c.getErr(), json, dfe.firstLine(), dfe.failures().get(0), null);
        return ExitCodes.BAD_INPUT;
      }
      if (ex instanceof ConfigException ce) {
        report(c.getErr(), json, ce.getMessage(), null, null);
        return ExitCodes.BAD_INPUT;
      }
      // A store or file-system failure is the environment's, said in words: not an internal error.
      String what = ex instanceof java.io.IOException || ex instanceof java.io.UncheckedIOException
          || ex instanceof RunFailure ? "failed: " + ex.getMessage() : "internal error: " + ex;
      report(c.getErr(), json, what + (debug ? "" : " (run with --debug for the stack trace)"), null, null);
      return ExitCodes.FAILURE;
    });
    return cli;
  }

  /**
   * An unknown command or option in words, with the nearest known one: "unknown command 'backtst'
   * (did you mean 'backtest'?)", "unknown option '--stratgy' (did you mean '--strategy'?)".
   */
  static String unmatched(CommandLine.UnmatchedArgumentException ex) {
    CommandLine c = ex.getCommandLine();
    List<String> args = ex.getUnmatched();
    if (args.isEmpty()) {
      return ex.getMessage();
    }
    String first = args.get(0);
    boolean option = first.startsWith("-");
    String name = option && first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
    java.util.Collection<String> known = option
        ? c.getCommandSpec().options().stream().flatMap(o -> java.util.Arrays.stream(o.names())).toList()
        : c.getSubcommands().keySet();
    if (!option && known.isEmpty()) {
      return ex.getMessage();
    }
    String near = io.momentic.core.Spelling.nearest(name, known).orElse(null);
    String what = option ? "unknown option '" + name + "'" : c.getSubcommands().isEmpty()
        ? "unexpected argument '" + name + "'" : "unknown command '" + name + "'";
    return what + (near != null ? " (did you mean '" + near + "'?)" : !option && !c.getSubcommands().isEmpty()
        ? "; commands: " + String.join(", ", known) : "");
  }

  static List<Class<?>> subcommandsFor(String[] args) {
    if (args == null) {
      return MomenticCommand.SUBCOMMANDS;
    }
    int i = 0;
    while (i < args.length && args[i].startsWith("-")) {
      i += args[i].equals("--workspace") ? 2 : 1;
    }
    if (i >= args.length) {
      boolean versionOnly = args.length > 0 && List.of(args).stream().allMatch(a -> a.equals("--version")
          || a.equals("-V"));
      return versionOnly ? List.of() : MomenticCommand.SUBCOMMANDS;
    }
    for (Class<?> sub : MomenticCommand.SUBCOMMANDS) {
      if (MomenticCommand.nameOf(sub).equals(args[i])) {
        return List.of(sub);
      }
    }
    return MomenticCommand.SUBCOMMANDS;
  }

  private static boolean wantsJson(String[] args) {
    return args != null && List.of(args).contains("--json");
  }

  /** One line on stderr: {@code momentic: …}, or with --json an object with the error, file, line and fix. */
  private static void report(PrintWriter err, boolean json, String message, LoadFailure failure, String fix) {
    if (!json) {
      err.println("momentic: " + message);
      return;
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("error", message);
    if (failure != null) {
      doc.put("file", failure.source());
      doc.put("line", failure.line() > 0 ? failure.line() : null);
      doc.put("column", failure.column() == null || failure.column().isEmpty() ? null : failure.column());
      doc.put("expected", failure.expected());
      doc.put("found", failure.found());
      doc.put("fix", failure.fix() == null || failure.fix().isEmpty() ? null : failure.fix());
    } else {
      doc.put("fix", fix);
    }
    err.println(Json.compact(doc));
  }
}
