package io.meshdojo.grade;

import io.meshdojo.config.MeshDojoConfig;
import io.meshdojo.fleet.FleetOnce;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Keeps check history bounded: per learner and lab, the newest {@code
 * meshdojo.check-history.keep-per-lab} checks and always the newest passing one; the rest is
 * deleted every {@code meshdojo.check-history.prune-every}, by one replica of a fleet. A check's
 * objectives go with it (the foreign key cascades).
 */
@ApplicationScoped
public class CheckRetention {

  static final String JOB = "prune-check-history";

  private static final Logger LOG = Logger.getLogger(CheckRetention.class);

  // Both numberings run newest first; the second one restarts for passed and failed checks, so
  // its first passed row is the newest passing check. Standard SQL: H2 and PostgreSQL alike.
  private static final String PRUNE =
      "delete from lab_check where id in (select id from (select id, passed,"
          + " row_number() over (partition by account_id, lab_id"
          + " order by checked_at desc, id desc) as newest,"
          + " row_number() over (partition by account_id, lab_id, passed"
          + " order by checked_at desc, id desc) as newest_of_outcome"
          + " from lab_check) ranked"
          + " where newest > ?1 and not (passed and newest_of_outcome = 1))";

  private final EntityManager database;
  private final FleetOnce once;
  private final MeshDojoConfig config;

  public CheckRetention(EntityManager database, FleetOnce once, MeshDojoConfig config) {
    this.database = database;
    this.once = once;
    this.config = config;
  }

  @Scheduled(
      every = "${meshdojo.check-history.prune-every:PT1H}",
      delayed = "${meshdojo.check-history.prune-every:PT1H}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void pruneOnSchedule() {
    MeshDojoConfig.CheckHistory history = config.checkHistory();
    once.run(JOB, history.pruneEvery(), () -> prune(history.keepPerLab()));
  }

  /** Deletes what the rule does not keep; returns how many checks went. */
  @Transactional
  public int prune(int keepPerLab) {
    if (keepPerLab < 1) {
      throw new IllegalArgumentException("keep at least one check per lab, not " + keepPerLab);
    }
    int deleted = database.createNativeQuery(PRUNE).setParameter(1, keepPerLab).executeUpdate();
    if (deleted > 0) {
      LOG.infof("check history: deleted %d older checks", deleted);
    }
    return deleted;
  }
}
