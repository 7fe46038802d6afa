package io.momentic.web;

import io.momentic.data.Workspace;
import io.momentic.workflow.serve.Dashboards;

/** The web module's {@link Dashboards}: a {@link WebServer} (registered as a service). */
public final class WebDashboards implements Dashboards {

  @Override
  public Running start(Workspace workspace, String host, int port, String token) {
    return WebServer.start(workspace, host, port, token);
  }
}
