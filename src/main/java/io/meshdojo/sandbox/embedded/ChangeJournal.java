package io.meshdojo.sandbox.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.fleet.FleetBus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded sandboxes' changes as the other replicas of a fleet learn them. A write records its
 * changes in the database, in its own transaction, and tells the others which sandbox changed; they
 * read the changes from here, so that a deletion reaches their watches with the deleted object,
 * which the objects' table no longer holds. A single replica (H2) has nobody to tell and records
 * nothing.
 */
@ApplicationScoped
public class ChangeJournal {

  /** A sandbox's objects changed; the body is the sandbox's id and the change's version. */
  static final String CHANGED = "sandbox-changed";

  /** A sandbox's session ended or expired, ending its watches; the body is the sandbox's id. */
  static final String ENDED = "sandbox-ended";

  /** Long enough for any replica to have read a change it was told of. */
  static final Duration KEPT = Duration.ofMinutes(5);

  private final EntityManager database;
  private final FleetBus fleet;
  private final ObjectMapper json;

  public ChangeJournal(EntityManager database, FleetBus fleet, ObjectMapper json) {
    this.database = database;
    this.fleet = fleet;
    this.json = json;
  }

  /** Records a change in the current transaction and, once it commits, tells the others. */
  void record(WatchHub.Event change) {
    if (!fleet.shared()) {
      return;
    }
    database
        .createNativeQuery(
            "insert into sandbox_change (sandbox_id, resource_version, change_type, api_group,"
                + " resource, namespace, body, origin, committed_at)"
                + " values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, current_timestamp)")
        .setParameter(1, change.sandboxId())
        .setParameter(2, change.resourceVersion())
        .setParameter(3, change.type())
        .setParameter(4, change.group())
        .setParameter(5, change.resource())
        .setParameter(6, change.namespace())
        .setParameter(7, write(change.object()))
        .setParameter(8, fleet.replica())
        .executeUpdate();
    // One transaction sends one notification however many changes of a version it records
    // (PostgreSQL folds identical ones).
    fleet.tellOthers(CHANGED, change.sandboxId() + " " + change.resourceVersion());
  }

  /** The changes other replicas made to a sandbox beyond a resourceVersion, in commit order. */
  @Transactional
  List<WatchHub.Event> othersBeyond(String sandbox, long resourceVersion) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        database
            .createNativeQuery(
                "select change_type, api_group, resource, namespace, resource_version, body"
                    + " from sandbox_change"
                    + " where sandbox_id = ?1 and resource_version > ?2 and origin <> ?3"
                    + " order by resource_version, id")
            .setParameter(1, sandbox)
            .setParameter(2, resourceVersion)
            .setParameter(3, fleet.replica())
            .getResultList();
    List<WatchHub.Event> changes = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      changes.add(
          new WatchHub.Event(
              sandbox,
              (String) row[0],
              (String) row[1],
              (String) row[2],
              (String) row[3],
              ((Number) row[4]).longValue(),
              read((String) row[5])));
    }
    return changes;
  }

  /** Drops what every replica has had time to read. */
  @Transactional
  int forgetBefore(Instant moment) {
    return database
        .createNativeQuery("delete from sandbox_change where committed_at < ?1")
        .setParameter(1, OffsetDateTime.ofInstant(moment, ZoneOffset.UTC))
        .executeUpdate();
  }

  private String write(ObjectNode object) {
    try {
      return json.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private ObjectNode read(String body) {
    try {
      return (ObjectNode) json.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a recorded change is not JSON", e);
    }
  }
}
