package io.meshdojo.sandbox.embedded.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshdojo.sandbox.embedded.ApiCatalog;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The garbage collector, with kubectl's default (background) propagation: once an object is
 * deleted, every object whose ownerReferences name it is deleted too, and so on down (a Deployment
 * takes its ReplicaSets, they take their Pods; a SmartLimiter its EnvoyFilter).
 */
@ApplicationScoped
public class GarbageCollector implements Controller {

  @Override
  public boolean watches(Change change) {
    return change.deleted() && !change.is("", "Event") && !change.uid().isEmpty();
  }

  @Override
  public void reconcile(Cluster cluster, Change change) {
    String ns = change.type().namespaced() ? change.namespace() : "";
    for (JsonNode dependent : cluster.dependents(ns, change.uid())) {
      JsonNode meta = dependent.path("metadata");
      ApiCatalog.byKind(dependent.path("apiVersion").asText(), dependent.path("kind").asText())
          .ifPresent(
              type ->
                  cluster.delete(
                      type, meta.path("namespace").asText(), meta.path("name").asText()));
    }
  }
}
