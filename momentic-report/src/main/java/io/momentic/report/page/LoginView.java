package io.momentic.report.page;

/** The dashboards' sign-in form; {@code problem} says why the last attempt failed (null: none). */
public record LoginView(Chrome chrome, String problem) {}
