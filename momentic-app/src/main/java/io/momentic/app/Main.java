package io.momentic.app;

import io.momentic.core.ConfigException;
import io.momentic.core.DataFormatException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point. Exit codes: 0 ok, 1 failure, 2 bad input (one line on stderr; a stack trace
 * only with {@code --debug}).
 */
public final class Main {

  public static final int EXIT_OK = 0;
  public static final int EXIT_FAILURE = 1;
  public static final int EXIT_BAD_INPUT = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit code (for tests: no {@code System.exit}). */
  public static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = commandLine(out, err);
    return cli.execute(args);
  }

  static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    MomenticCommand root = new MomenticCommand();
    CommandLine cli = new CommandLine(root);
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler((ex, args) -> {
      CommandLine c = ex.getCommandLine();
      c.getErr().println("momentic: " + ex.getMessage() + " (see '" + c.getCommandSpec().qualifiedName() + " --help')");
      return EXIT_BAD_INPUT;
    });
    cli.setExecutionExceptionHandler((ex, c, parseResult) -> {
      boolean debug = root.debug;
      if (debug) {
        ex.printStackTrace(c.getErr());
      }
      if (ex instanceof DataFormatException dfe) {
        c.getErr().println("momentic: " + dfe.firstLine());
        return EXIT_BAD_INPUT;
      }
      if (ex instanceof ConfigException || ex instanceof IllegalArgumentException) {
        c.getErr().println("momentic: " + ex.getMessage());
        return EXIT_BAD_INPUT;
      }
      c.getErr().println("momentic: failed: " + ex + (debug ? "" : " (run with --debug for details)"));
      return EXIT_FAILURE;
    });
    return cli;
  }
}
