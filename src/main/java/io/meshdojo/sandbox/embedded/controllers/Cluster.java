package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.embedded.ApiCatalog;
import io.meshdojo.sandbox.embedded.FieldValidation;
import io.meshdojo.sandbox.embedded.ObjectStore;
import io.meshdojo.sandbox.embedded.PatchKind;
import io.meshdojo.sandbox.embedded.ResourceType;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * One sandbox as its controllers see it: reads and writes go through the {@link ObjectStore}, in
 * the caller's transaction, so they are validated, versioned and announced to watches like any
 * other write.
 */
public final class Cluster {

  static final ResourceType NAMESPACES = type("", "v1", "namespaces");
  static final ResourceType PODS = type("", "v1", "pods");
  static final ResourceType EVENTS = type("", "v1", "events");
  static final ResourceType WEBHOOKS =
      type("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations");
  static final ResourceType SERVICES = type("", "v1", "services");
  static final ResourceType DEPLOYMENTS = type("apps", "v1", "deployments");
  static final ResourceType REPLICASETS = type("apps", "v1", "replicasets");
  static final ResourceType ENVOYFILTERS = type("networking.istio.io", "v1alpha3", "envoyfilters");
  static final ResourceType DESTINATIONRULES =
      type("networking.istio.io", "v1alpha3", "destinationrules");
  static final ResourceType SMARTLIMITERS =
      type("microservice.slime.io", "v1alpha2", "smartlimiters");
  static final ResourceType SERVICEFENCES =
      type("microservice.slime.io", "v1alpha1", "servicefences");
  static final ResourceType SIDECARS = type("networking.istio.io", "v1beta1", "sidecars");

  static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ObjectStore store;
  private final String sandbox;
  private final Supplier<String> istioVersion;
  private final Predicate<String> addons;

  Cluster(
      ObjectStore store, String sandbox, Supplier<String> istioVersion, Predicate<String> addons) {
    this.store = store;
    this.sandbox = sandbox;
    this.istioVersion = istioVersion;
    this.addons = addons;
  }

  private static ResourceType type(String group, String version, String resource) {
    return ApiCatalog.find(group, version, resource).orElseThrow();
  }

  public String sandbox() {
    return sandbox;
  }

  /** The Istio version of the sandbox's environment. */
  public String istioVersion() {
    return istioVersion.get();
  }

  /** Whether the sandbox's environment installs the add-on ({@code slime}, {@code aeraki}). */
  public boolean hasAddon(String name) {
    return addons.test(name);
  }

  public Optional<ObjectNode> find(ResourceType type, String ns, String name) {
    return store.find(sandbox, type, ns, name);
  }

  /** Objects of a kind in a namespace (null: every namespace). */
  public List<ObjectNode> list(ResourceType type, String ns, Predicate<JsonNode> filter) {
    return store.list(sandbox, type, type.preferredVersion(), ns, filter).items();
  }

  public ObjectNode create(ResourceType type, String ns, ObjectNode body) {
    return store
        .create(sandbox, type, type.preferredVersion(), ns, body, FieldValidation.STRICT)
        .object();
  }

  /** A JSON merge patch of the object (not its status). */
  public void patch(ResourceType type, String ns, String name, ObjectNode patch) {
    store.patch(
        sandbox,
        type,
        type.preferredVersion(),
        ns,
        name,
        PatchKind.MERGE,
        patch,
        FieldValidation.STRICT,
        false);
  }

  /** Replaces the object's status, as a controller writes its status subresource. */
  public void writeStatus(ResourceType type, String ns, String name, JsonNode status) {
    replace(type, ns, name, "/status", status, true);
  }

  /** Replaces the object's spec (a merge patch would keep map keys the new spec drops). */
  public void replaceSpec(ResourceType type, String ns, String name, JsonNode spec) {
    replace(type, ns, name, "/spec", spec, false);
  }

  /** One JSON patch that sets {@code path} to {@code value}, on the status subresource or not. */
  private void replace(
      ResourceType type, String ns, String name, String path, JsonNode value, boolean status) {
    ObjectNode op = JSON.objectNode().put("op", "add").put("path", path);
    op.set("value", value);
    store.patch(
        sandbox,
        type,
        type.preferredVersion(),
        ns,
        name,
        PatchKind.JSON,
        JSON.arrayNode().add(op),
        FieldValidation.STRICT,
        status);
  }

  /** Deletes the object if it is still there. */
  public void delete(ResourceType type, String ns, String name) {
    if (find(type, ns, name).isPresent()) {
      store.delete(sandbox, type, type.preferredVersion(), ns, name);
    }
  }

  /** Every object in {@code ns} ("" for cluster-scoped owners: every object) naming the owner. */
  public List<ObjectNode> dependents(String ns, String ownerUid) {
    return store.referencing(sandbox, ns.isEmpty() ? null : ns, ownerUid).stream()
        .filter(o -> Owners.ownedBy(o, ownerUid))
        .toList();
  }

  /** How many objects of a kind the sandbox holds. */
  long count(ResourceType type) {
    return store.count(sandbox, type);
  }

  /** The object of a kind written longest ago. */
  Optional<ObjectNode> oldest(ResourceType type) {
    return store.oldest(sandbox, type);
  }
}
