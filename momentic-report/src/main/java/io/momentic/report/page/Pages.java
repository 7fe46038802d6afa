package io.momentic.report.page;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * Renders the report module's templates (precompiled at build time from {@code src/main/jte}).
 * Escaping is the template engine's: a view's text is always text, never markup.
 */
public final class Pages {

  private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

  private Pages() {}

  /** Renders template {@code name} (e.g. {@code runReport.jte}) with its one parameter. */
  public static String render(String name, Object view) {
    return render(ENGINE, name, view);
  }

  /** Renders with another engine, e.g. one compiling edited templates at run time (a test's). */
  public static String render(TemplateEngine engine, String name, Object view) {
    StringOutput out = new StringOutput(16_384);
    engine.render(name, view, out);
    return out.toString();
  }

  public static String runReport(RunReportView view) {
    return render("runReport.jte", view);
  }

  public static String gemReport(GemReportView view) {
    return render("gemReport.jte", view);
  }

  public static String walkForwardReport(WalkForwardReportView view) {
    return render("walkForwardReport.jte", view);
  }

  public static String sweepReport(SweepReportView view) {
    return render("sweepReport.jte", view);
  }

  public static String shortlist(ShortlistView view) {
    return render("shortlist.jte", view);
  }

  public static String crosses(CrossesView view) {
    return render("crosses.jte", view);
  }

  public static String regime(RegimeView view) {
    return render("regime.jte", view);
  }

  public static String home(HomeView view) {
    return render("home.jte", view);
  }

  public static String symbols(SymbolsView view) {
    return render("symbols.jte", view);
  }

  public static String paper(PaperView view) {
    return render("paper.jte", view);
  }

  /** A text document (a research loop's Markdown report) in the chrome, as preformatted text. */
  public static String text(MessageView view) {
    return render("text.jte", view);
  }

  public static String compare(RunsView view) {
    return render("compare.jte", view);
  }

  public static String runs(RunsView view) {
    return render("runs.jte", view);
  }

  public static String chart(ChartView view) {
    return render("chart.jte", view);
  }

  public static String message(MessageView view) {
    return render("message.jte", view);
  }

  public static String login(LoginView view) {
    return render("login.jte", view);
  }

  public static String breakout(BreakoutView view) {
    return render("breakout.jte", view);
  }

  public static String breakoutAnalysis(BreakoutAnalysisView view) {
    return render("breakoutAnalysis.jte", view);
  }
}
