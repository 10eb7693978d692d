package io.meshdojo.grade;

import io.meshdojo.grader.api.GradeResult;
import io.meshdojo.grader.api.Grader;
import io.meshdojo.sandbox.SandboxView;
import io.meshdojo.sandbox.Sandboxes;
import io.meshdojo.sandbox.embedded.controllers.ControllerManager;
import io.meshdojo.web.Language;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Grades what a learner's sandbox holds against its lab's objectives: its objects as they are,
 * environment and setup included, so a baseline or setup object the learner changed or deleted is
 * graded changed or gone. The embedded backend's API is served from its stored objects, so those
 * are read directly (one query), and kept as the grader read them until the sandbox changes ({@link
 * SandboxReadings}); a real cluster is read through its Kubernetes API with the session's
 * kubeconfig, one list call per kind.
 */
@ApplicationScoped
public class CheckService {

  private final Grader grader;
  private final Sandboxes sessions;
  private final SandboxReadings readings;
  private final CheckHistory history;
  private final ControllerManager controllers;

  public CheckService(
      Grader grader,
      Sandboxes sessions,
      SandboxReadings readings,
      CheckHistory history,
      ControllerManager controllers) {
    this.grader = grader;
    this.sessions = sessions;
    this.readings = readings;
    this.history = history;
    this.controllers = controllers;
  }

  /**
   * Only the session's owner may check it; anyone else gets the same 404 as for a missing one. The
   * verdict is recorded in the learner's history before it is returned.
   */
  public GradeResult check(String username, String sessionId, Language lang, String serviceUrl) {
    GradeResult result = inspect(username, sessionId, lang, serviceUrl);
    history.record(username, sessionId, result);
    return result;
  }

  /**
   * The grader's verdict on the sandbox as it is now, with its explanations, without recording it:
   * an instructor looking over a learner's shoulder is not the learner's check.
   */
  public GradeResult inspect(String username, String sessionId, Language lang, String serviceUrl) {
    SandboxView session = sessions.view(username, sessionId).requireReady("it can be checked");
    return sessions.capabilities(session).storedObjects()
        ? grader.gradeRead(
            session.lab(), readings.of(sessionId), controllers.history(sessionId), lang.code())
        : live(username, sessionId, serviceUrl, session.lab(), lang.code());
  }

  private GradeResult live(
      String username, String sessionId, String serviceUrl, String lab, String lang) {
    String kubeconfig = sessions.kubeconfig(username, sessionId, serviceUrl);
    Path file = null;
    try {
      file = Files.createTempFile("meshdojo-check-", ".kubeconfig");
      Files.writeString(file, kubeconfig);
      return grader.gradeCluster(lab, file, null, lang);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file left behind holds a token of a sandbox that ends with its session
        }
      }
    }
  }
}
