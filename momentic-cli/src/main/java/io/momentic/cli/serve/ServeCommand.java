package io.momentic.cli.serve;

import io.momentic.cli.ExitCodes;
import io.momentic.cli.MomenticCommand;
import io.momentic.core.ConfigException;
import io.momentic.data.Workspace;
import io.momentic.workflow.serve.Dashboards;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code momentic serve}: the web dashboards of the workspace until Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the workspace's dashboards (home with data freshness, crosses, shortlist, regimes, runs, "
        + "charts) and their JSON API. Binds 127.0.0.1 unless --host says otherwise; any other host needs a token.")
public final class ServeCommand implements Callable<Integer> {

  public static final String TOKEN_ENV = Dashboards.TOKEN_ENV;

  @Spec
  CommandSpec spec;

  @ParentCommand
  MomenticCommand root;

  @Option(names = "--host", paramLabel = "ADDRESS", description = "Address to bind (default 127.0.0.1).")
  String host = "127.0.0.1";

  @Option(names = "--port", paramLabel = "N", description = "Port (default 7070; 0 picks a free one).")
  int port = 7070;

  @Option(names = "--token", paramLabel = "SECRET", description = "Bearer token every request must carry "
      + "(default: $" + TOKEN_ENV + "); required when --host is not a loopback address.")
  String token;

  @Option(names = "--trust-proxy", description = "A reverse proxy (TLS) is in front: take the client address from "
      + "X-Forwarded-For and the scheme from X-Forwarded-Proto (the login cookie is then Secure). Without it those "
      + "headers are ignored.")
  boolean trustProxy;

  @Override
  public Integer call() throws InterruptedException {
    Workspace ws = root.workspace();
    String secret = token != null ? token : System.getenv(TOKEN_ENV);
    return serve(ws, new Dashboards.Settings(host, port, secret, trustProxy), spec.commandLine().getOut());
  }

  /** Serves until the process is interrupted (Ctrl-C). */
  public static int serve(Workspace ws, Dashboards.Settings settings, PrintWriter out) throws InterruptedException {
    String host = settings.host();
    String token = settings.token();
    if ((token == null || token.isBlank()) && !Dashboards.isLoopback(host)) {
      throw new ConfigException("host", Dashboards.tokenRequired(host));
    }
    Dashboards.Running server = Dashboards.load().start(ws, settings);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "momentic-serve-stop"));
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    out.println("serving " + ws.root() + " on http://" + shownHost + ":" + server.port() + "/"
        + (token != null && !token.isBlank() ? " (token required)" : "") + " — Ctrl-C stops it");
    out.flush();
    stopped.await();
    return ExitCodes.OK;
  }
}
