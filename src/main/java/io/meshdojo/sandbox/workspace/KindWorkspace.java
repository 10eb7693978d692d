package io.meshdojo.sandbox.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.StatusDetails;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.meshdojo.sandbox.embedded.ApiCatalog;
import io.meshdojo.sandbox.embedded.ResourceType;
import io.meshdojo.sandbox.kind.SandboxClusters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A real kind cluster, reached through its API with the session's kubeconfig. Writes are
 * server-side applies under the editor's own field manager, as {@code kubectl apply --server-side}
 * would make them; the browser lists the same kinds the embedded sandbox serves.
 */
@ApplicationScoped
public class KindWorkspace implements SandboxWorkspace {

  static final String FIELD_MANAGER = "meshdojo-editor";

  private final ObjectMapper json;

  public KindWorkspace(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public Written apply(SandboxAccess sandbox, ObjectNode object) {
    ObjectRef ref = ObjectRef.of(object);
    try (KubernetesClient client = client(sandbox)) {
      GenericKubernetesResource before = resource(client, ref).get();
      GenericKubernetesResource after =
          client
              .resource(json.convertValue(object, GenericKubernetesResource.class))
              .fieldManager(FIELD_MANAGER)
              .forceConflicts()
              .serverSideApply();
      if (before == null) {
        return new Written("created", List.of());
      }
      boolean changed =
          !Objects.equals(
              before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion());
      return new Written(changed ? "configured" : "unchanged", List.of());
    } catch (KubernetesClientException e) {
      throw refusal(e);
    }
  }

  @Override
  public void delete(SandboxAccess sandbox, ObjectRef object) {
    try (KubernetesClient client = client(sandbox)) {
      List<StatusDetails> gone = resource(client, object).delete();
      if (gone.isEmpty()) {
        throw new WorkspaceRefusal(
            404, object.kind() + " \"" + object.name() + "\" not found in the sandbox");
      }
    } catch (KubernetesClientException e) {
      throw refusal(e);
    }
  }

  @Override
  public List<ObjectNode> list(SandboxAccess sandbox) {
    List<ObjectNode> all = new ArrayList<>();
    try (KubernetesClient client = client(sandbox)) {
      for (ResourceType type : ApiCatalog.TYPES) {
        // The newest version this cluster's Istio serves (an Istio 1.18 cluster has no v1).
        var version = ApiCatalog.preferredVersion(type, sandbox.istioMinor());
        if (version.isEmpty()) {
          continue;
        }
        String apiVersion = type.apiVersion(version.get());
        try {
          var items =
              type.namespaced()
                  ? client
                      .genericKubernetesResources(apiVersion, type.kind())
                      .inAnyNamespace()
                      .list()
                      .getItems()
                  : client.genericKubernetesResources(apiVersion, type.kind()).list().getItems();
          for (GenericKubernetesResource item : items) {
            ObjectNode node = json.valueToTree(item);
            node.put("apiVersion", apiVersion).put("kind", type.kind());
            all.add(node);
          }
        } catch (KubernetesClientException e) {
          // A kind this cluster does not serve (e.g. an add-on left out of its environment).
          if (e.getCode() != 404) {
            throw refusal(e);
          }
        }
      }
    }
    return all;
  }

  @Override
  public ObjectNode get(SandboxAccess sandbox, ObjectRef object) {
    try (KubernetesClient client = client(sandbox)) {
      GenericKubernetesResource found = resource(client, object).get();
      if (found == null) {
        throw new WorkspaceRefusal(
            404, object.kind() + " \"" + object.name() + "\" not found in the sandbox");
      }
      return json.valueToTree(found);
    } catch (KubernetesClientException e) {
      throw refusal(e);
    }
  }

  private static Resource<GenericKubernetesResource> resource(
      KubernetesClient client, ObjectRef ref) {
    var kind = client.genericKubernetesResources(ref.apiVersion(), ref.kind());
    return ref.namespace().isEmpty()
        ? kind.withName(ref.name())
        : kind.inNamespace(ref.namespace()).withName(ref.name());
  }

  private static KubernetesClient client(SandboxAccess sandbox) {
    return SandboxClusters.connect(sandbox.kubeconfig());
  }

  private static WorkspaceRefusal refusal(KubernetesClientException e) {
    String message =
        e.getStatus() != null && e.getStatus().getMessage() != null
            ? e.getStatus().getMessage()
            : e.getMessage();
    return new WorkspaceRefusal(e.getCode() > 0 ? e.getCode() : 502, message);
  }
}
