package io.momentic.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The shared {@code --json} option and the command's output streams: a command prints through it,
 * so its text, its JSON and (with {@code --json}) its errors all go to the right place.
 */
public final class Output {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--json", description = "Print the result as JSON on stdout (errors too, as JSON on stderr).")
  boolean json;

  public boolean json() {
    return json;
  }

  public PrintWriter out() {
    return spec.commandLine().getOut();
  }

  public PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
