package io.meshdojo.grade;

import io.meshdojo.grader.api.GradeResult;
import io.meshdojo.grader.api.Grader;
import io.meshdojo.sandbox.SandboxView;
import io.meshdojo.sandbox.Sandboxes;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.sandbox.embedded.controllers.ControllerManager;
import io.meshdojo.web.Language;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Grades what a learner's sandbox holds against its lab's objectives: its objects as they are,
 * environment and setup included, so a baseline or setup object the learner changed or deleted is
 * graded changed or gone. The embedded backend's API is served from its stored objects, so those
 * are read directly (one query); a real cluster is read through its Kubernetes API with the
 * session's kubeconfig, one list call per kind.
 */
@ApplicationScoped
public class CheckService {

  private final Grader grader;
  private final Sandboxes sessions;
  private final ObjectStore store;
  private final CheckHistory history;

  private final ControllerManager controllers;

  public CheckService(
      Grader grader,
      Sandboxes sessions,
      ObjectStore store,
      CheckHistory history,
      ControllerManager controllers) {
    this.grader = grader;
    this.sessions = sessions;
    this.store = store;
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
        ? grader.gradeObjects(
            session.lab(),
            "sandbox",
            stored(sessionId),
            controllers.history(sessionId),
            lang.code())
        : live(username, sessionId, serviceUrl, session.lab(), lang.code());
  }

  /**
   * Pods, Endpoints, LimitRanges and the like are stored too; only the kinds the grader models are
   * handed to it, read from their stored JSON straight into the maps it reads.
   */
  private List<Map<String, Object>> stored(String sessionId) {
    return store.allAsMaps(sessionId).stream()
        .filter(o -> Grader.models(text(o.get("apiVersion")), text(o.get("kind"))))
        .toList();
  }

  private static String text(Object value) {
    return value instanceof String s ? s : "";
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
