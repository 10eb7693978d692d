package io.meshdojo.sandbox.workspace;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.embedded.ApiCatalog;
import io.meshdojo.sandbox.embedded.FieldValidation;
import io.meshdojo.sandbox.embedded.KubeException;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.sandbox.embedded.ResourceType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The embedded sandbox, written in-process through the same {@link ObjectStore} and validators as
 * its Kubernetes API, so the editor and kubectl see the same objects and the same refusals.
 */
@ApplicationScoped
public class EmbeddedWorkspace implements SandboxWorkspace {

  private final ObjectStore store;

  public EmbeddedWorkspace(ObjectStore store) {
    this.store = store;
  }

  /**
   * Creates the object, or replaces the stored one with the document (as {@code kubectl replace}
   * does): the editor shows the whole desired object, so a field deleted there is deleted here.
   * Each store call is its own transaction: a failed lookup must not doom the create after it.
   */
  @Override
  public Written apply(SandboxAccess sandbox, ObjectNode object) {
    ObjectRef ref = ObjectRef.of(object);
    ResourceType type = type(sandbox, ref);
    String ns = namespaceOf(type, ref);
    if (type.namespaced()) {
      object.with("metadata").put("namespace", ns);
    }
    String version = versionOf(ref);
    try {
      ObjectNode before = store.get(sandbox.sessionId(), type, version, ns, ref.name());
      ObjectNode body = object.deepCopy();
      body.with("metadata").remove("resourceVersion");
      var written =
          store.update(
              sandbox.sessionId(),
              type,
              version,
              ns,
              ref.name(),
              body,
              FieldValidation.STRICT,
              false);
      boolean changed =
          !before
              .path("metadata")
              .path("resourceVersion")
              .equals(written.object().path("metadata").path("resourceVersion"));
      return new Written(changed ? "configured" : "unchanged", written.warnings());
    } catch (KubeException e) {
      if (e.code() != 404) {
        throw refusal(e);
      }
    }
    try {
      var written =
          store.create(sandbox.sessionId(), type, version, ns, object, FieldValidation.STRICT);
      return new Written("created", written.warnings());
    } catch (KubeException e) {
      throw refusal(e);
    }
  }

  @Override
  public void delete(SandboxAccess sandbox, ObjectRef object) {
    ResourceType type = type(sandbox, object);
    try {
      store.delete(
          sandbox.sessionId(), type, versionOf(object), namespaceOf(type, object), object.name());
    } catch (KubeException e) {
      throw refusal(e);
    }
  }

  @Override
  public List<ObjectNode> list(SandboxAccess sandbox) {
    return store.all(sandbox.sessionId());
  }

  @Override
  public ObjectNode get(SandboxAccess sandbox, ObjectRef object) {
    ResourceType type = type(sandbox, object);
    try {
      return store.get(
          sandbox.sessionId(), type, versionOf(object), namespaceOf(type, object), object.name());
    } catch (KubeException e) {
      throw refusal(e);
    }
  }

  private static ResourceType type(SandboxAccess sandbox, ObjectRef ref) {
    if (ref.apiVersion().isEmpty() || ref.kind().isEmpty()) {
      throw new WorkspaceRefusal(400, "every object needs an apiVersion and a kind");
    }
    if (ref.name().isEmpty()) {
      throw new WorkspaceRefusal(400, "metadata.name is required");
    }
    return ApiCatalog.byKind(ref.apiVersion(), ref.kind(), sandbox.istioMinor())
        .orElseThrow(
            () ->
                new WorkspaceRefusal(
                    404,
                    "no matches for kind \""
                        + ref.kind()
                        + "\" in version \""
                        + ref.apiVersion()
                        + "\"; ensure the CRDs are installed first"));
  }

  private static String versionOf(ObjectRef ref) {
    return ref.apiVersion().substring(ref.apiVersion().indexOf('/') + 1);
  }

  /** A namespaced object without a namespace goes to {@code default}, as kubectl's does. */
  private static String namespaceOf(ResourceType type, ObjectRef ref) {
    if (!type.namespaced()) {
      return null;
    }
    return ref.namespace().isEmpty() ? "default" : ref.namespace();
  }

  private static WorkspaceRefusal refusal(KubeException e) {
    return new WorkspaceRefusal(e.code(), e.getMessage());
  }
}
