package io.meshdojo.grade;

import io.meshdojo.grader.api.GradeResult;
import io.meshdojo.grader.api.Grader;
import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.intake.Kinds;
import io.meshdojo.grader.intake.ResourceIntake;
import io.meshdojo.grader.live.LiveCluster;
import io.meshdojo.grader.model.Resource;
import io.meshdojo.grader.model.ResourceKey;
import io.meshdojo.sandbox.SessionService;
import io.meshdojo.sandbox.embedded.EmbeddedProvisioner;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.web.Language;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
  private final SessionService sessions;
  private final ObjectStore store;
  private final CheckHistory history;

  public CheckService(
      Grader grader, SessionService sessions, ObjectStore store, CheckHistory history) {
    this.grader = grader;
    this.sessions = sessions;
    this.store = store;
    this.history = history;
  }

  /**
   * Only the session's owner may check it; anyone else gets the same 404 as for a missing one. The
   * verdict is recorded in the learner's history before it is returned.
   */
  public GradeResult check(String username, String sessionId, Language lang, String serviceUrl) {
    SessionService.View session =
        sessions.view(username, sessionId).requireReady("it can be checked");
    List<Finding> findings = new ArrayList<>();
    List<Resource> held =
        EmbeddedProvisioner.BACKEND.equals(session.backend())
            ? stored(sessionId, findings)
            : live(username, sessionId, serviceUrl, findings);
    GradeResult result = grader.gradeState(session.lab(), held, findings, lang.code());
    history.record(username, sessionId, result);
    return result;
  }

  private List<Resource> stored(String sessionId, List<Finding> findings) {
    List<Map<String, Object>> modelled = new ArrayList<>();
    for (Map<String, Object> object : store.allAsMaps(sessionId)) {
      ResourceKey key = ResourceKey.of(text(object.get("apiVersion")), text(object.get("kind")));
      // Pods, ConfigMaps and the like are stored too; the grader reads only the kinds it models.
      if (Kinds.find(key).isPresent()) {
        modelled.add(object);
      }
    }
    ResourceIntake.Result read = ResourceIntake.readObjects("sandbox", modelled);
    findings.addAll(read.findings());
    return read.resources();
  }

  private static String text(Object value) {
    return value instanceof String s ? s : "";
  }

  private List<Resource> live(
      String username, String sessionId, String serviceUrl, List<Finding> findings) {
    String kubeconfig = sessions.kubeconfig(username, sessionId, serviceUrl);
    Path file = null;
    try {
      file = Files.createTempFile("meshdojo-check-", ".kubeconfig");
      Files.writeString(file, kubeconfig);
      return LiveCluster.list(file, null, findings);
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
