package io.meshdojo.sandbox.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.EnvironmentCatalog;
import io.meshdojo.sandbox.Manifests;
import io.meshdojo.sandbox.SandboxView;
import io.meshdojo.sandbox.Sandboxes;
import io.meshdojo.sandbox.workspace.SandboxWorkspace.SandboxAccess;
import io.meshdojo.sandbox.workspace.SandboxWorkspace.Written;
import io.meshdojo.sandbox.workspace.YamlDocuments.Located;
import io.meshdojo.web.BadInputException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The lab page's workspace: apply or delete the editor's YAML, one document at a time as kubectl
 * does, and browse what the sandbox holds. Only the session's owner gets past {@link
 * Sandboxes#view}; a refusal is reported on the document (and line) it concerns.
 */
@ApplicationScoped
public class WorkspaceService {

  /** Documents in one apply: more than a lab needs, few enough to answer quickly. */
  public static final int MAX_DOCUMENTS = 50;

  private final Sandboxes sessions;
  private final EmbeddedWorkspace stored;
  private final KindWorkspace cluster;
  private final EnvironmentCatalog environments;

  public WorkspaceService(
      Sandboxes sessions,
      EmbeddedWorkspace stored,
      KindWorkspace cluster,
      EnvironmentCatalog environments) {
    this.sessions = sessions;
    this.stored = stored;
    this.cluster = cluster;
    this.environments = environments;
  }

  /**
   * Applies every document of {@code yaml}, in order; a refused document does not stop the rest.
   */
  public ApplyReport apply(String username, String sessionId, String yaml) {
    return each(username, sessionId, yaml, true);
  }

  /** Deletes the object each document names. */
  public ApplyReport delete(String username, String sessionId, String yaml) {
    return each(username, sessionId, yaml, false);
  }

  /** What the sandbox holds, sorted by namespace, kind and name. */
  public List<ObjectRef> objects(String username, String sessionId) {
    Target target = target(username, sessionId);
    return target.workspace().list(target.access()).stream()
        .map(ObjectRef::of)
        .sorted(
            Comparator.comparing(ObjectRef::namespace)
                .thenComparing(ObjectRef::kind)
                .thenComparing(ObjectRef::name))
        .toList();
  }

  /** One object as YAML, without the bookkeeping a learner never writes (managed fields). */
  public String yaml(String username, String sessionId, ObjectRef ref) {
    Target target = target(username, sessionId);
    ObjectNode object = target.workspace().get(target.access(), ref);
    object.with("metadata").remove("managedFields");
    return Manifests.toYaml(object);
  }

  public void deleteObject(String username, String sessionId, ObjectRef ref) {
    Target target = target(username, sessionId);
    target.workspace().delete(target.access(), ref);
  }

  private ApplyReport each(String username, String sessionId, String yaml, boolean apply) {
    Target target = target(username, sessionId);
    List<Located> documents = read(yaml);
    List<DocumentOutcome> outcomes = new ArrayList<>();
    for (Located document : documents) {
      ObjectRef ref = ObjectRef.of(document.object());
      try {
        if (apply) {
          Manifests.recordLastApplied(document.object());
          Written written = target.workspace().apply(target.access(), document.object());
          outcomes.add(
              DocumentOutcome.done(document.index(), document.line(), ref, written.action())
                  .withWarnings(written.warnings()));
        } else {
          target.workspace().delete(target.access(), ref);
          outcomes.add(DocumentOutcome.done(document.index(), document.line(), ref, "deleted"));
        }
      } catch (WorkspaceRefusal refusal) {
        String message = refusal.getMessage();
        outcomes.add(
            DocumentOutcome.failed(
                document.index(), document.line(), ref, message, document.lineOf(message)));
      }
    }
    return new ApplyReport(outcomes);
  }

  private static List<Located> read(String yaml) {
    List<Located> documents;
    try {
      documents = YamlDocuments.read(yaml == null ? "" : yaml);
    } catch (YamlDocuments.Unreadable e) {
      throw new UnreadableYamlException(e.getMessage(), e.line());
    }
    if (documents.isEmpty()) {
      throw new BadInputException("the YAML holds no objects");
    }
    if (documents.size() > MAX_DOCUMENTS) {
      throw new BadInputException(
          "the YAML holds " + documents.size() + " objects; apply at most " + MAX_DOCUMENTS);
    }
    return documents;
  }

  private record Target(SandboxWorkspace workspace, SandboxAccess access) {}

  private Target target(String username, String sessionId) {
    SandboxView session = sessions.view(username, sessionId).requireReady("it can be changed");
    // Stored objects are written in-process; a real cluster is reached with its own kubeconfig
    // (no service URL involved).
    boolean inStore = sessions.capabilities(session).storedObjects();
    SandboxWorkspace workspace = inStore ? stored : cluster;
    String kubeconfig = inStore ? null : sessions.kubeconfig(username, sessionId, null);
    int istioMinor =
        environments
            .find(session.environment())
            .map(e -> e.istioMinor())
            .orElseThrow(
                () -> new IllegalStateException("unknown environment " + session.environment()));
    return new Target(workspace, new SandboxAccess(username, sessionId, istioMinor, kubeconfig));
  }
}
