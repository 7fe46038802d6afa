package io.momentic.report.page;

/** A page that says why there is nothing to show and which command produces it. */
public record MessageView(Chrome chrome, String heading, String text, String command) {}
