package io.meshdojo.sandbox.kind;

import java.time.Instant;
import java.util.List;

/**
 * What the pool must remember across a restart of the service to adopt its clusters again: which
 * ones were handed out (and to whom, until when) and which were still warm. A cluster is recorded
 * as leased before its lease is returned, so a cluster ever handed out is never adopted as warm.
 */
public interface ClusterStore {

  void save(ClusterRecord cluster);

  void delete(String id);

  List<ClusterRecord> all();

  /**
   * One cluster as remembered; {@code owner}, {@code grantedAt} and {@code expiresAt} are null
   * while warm; {@code reservedFor} names the reservation a warm cluster is kept for (null for
   * none, and in records written before reservations existed).
   */
  record ClusterRecord(
      String id,
      String environment,
      boolean leased,
      String owner,
      String kubeconfig,
      Instant createdAt,
      Instant grantedAt,
      Instant expiresAt,
      String reservedFor) {}
}
