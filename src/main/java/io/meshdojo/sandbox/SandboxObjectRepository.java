package io.meshdojo.sandbox;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class SandboxObjectRepository implements PanacheRepository<SandboxObject> {

  public Optional<SandboxObject> find(
      String sandboxId, String group, String resource, String namespace, String name) {
    return find(
            "sandboxId = ?1 and apiGroup = ?2 and resource = ?3 and namespace = ?4 and name = ?5",
            sandboxId,
            group,
            resource,
            namespace,
            name)
        .firstResultOptional();
  }

  /** Objects of one kind, in one namespace or (namespace null) in all of them. */
  public List<SandboxObject> list(
      String sandboxId, String group, String resource, String namespace) {
    Sort order = Sort.by("namespace").and("name");
    if (namespace == null) {
      return list(
          "sandboxId = ?1 and apiGroup = ?2 and resource = ?3", order, sandboxId, group, resource);
    }
    return list(
        "sandboxId = ?1 and apiGroup = ?2 and resource = ?3 and namespace = ?4",
        order,
        sandboxId,
        group,
        resource,
        namespace);
  }

  /**
   * The JSON of every object of a sandbox, in the order of {@link #all}: only the column, so no
   * entity is built, tracked and checked for changes, for callers that only read.
   */
  public List<String> bodies(String sandboxId) {
    return getEntityManager()
        .createQuery(
            "select o.body from SandboxObject o where o.sandboxId = ?1"
                + " order by o.apiGroup, o.resource, o.namespace, o.name",
            String.class)
        .setParameter(1, sandboxId)
        .getResultList();
  }

  /** Every object of a sandbox, in a stable order. */
  public List<SandboxObject> all(String sandboxId) {
    return list(
        "sandboxId", Sort.by("apiGroup").and("resource").and("namespace").and("name"), sandboxId);
  }

  public List<SandboxObject> inNamespace(String sandboxId, String namespace) {
    return list("sandboxId = ?1 and namespace = ?2", sandboxId, namespace);
  }

  public long deleteSandbox(String sandboxId) {
    return delete("sandboxId", sandboxId);
  }

  public long countOf(String sandboxId) {
    return count("sandboxId", sandboxId);
  }

  public long countOf(String sandboxId, String group, String resource) {
    return count("sandboxId = ?1 and apiGroup = ?2 and resource = ?3", sandboxId, group, resource);
  }

  /** The object of a kind whose last write is the oldest. */
  public Optional<SandboxObject> oldest(String sandboxId, String group, String resource) {
    return find(
            "sandboxId = ?1 and apiGroup = ?2 and resource = ?3",
            Sort.by("resourceVersion"),
            sandboxId,
            group,
            resource)
        .firstResultOptional();
  }
}
