package io.momentic.web;

import io.momentic.data.Workspace;
import io.momentic.workflow.serve.Dashboards;

/** The web module's {@link Dashboards}: a {@link WebServer} (registered as a service). */
public final class WebDashboards implements Dashboards {

  @Override
  public Running start(Workspace workspace, Settings settings) {
    return WebServer.start(workspace, settings);
  }
}
