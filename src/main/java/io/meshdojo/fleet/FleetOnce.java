package io.meshdojo.fleet;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Runs scheduled work in one replica per period. Every replica's scheduler fires; the first to
 * claim the job's row in {@code fleet_job} for the period runs it, the others skip. The claim is
 * one conditional UPDATE, so two replicas never both win it, and the database's clock decides, so
 * the replicas' clocks need not agree. A job whose claimer dies is run by another replica a period
 * later. A lone replica (H2) always runs it.
 */
@ApplicationScoped
public class FleetOnce {

  /**
   * A claim younger than this part of the period means someone ran the job in this period: the
   * replicas' schedulers fire at different moments, but each roughly once a period.
   */
  static final double CLAIMED_FOR = 0.8;

  private static final Logger LOG = Logger.getLogger(FleetOnce.class);

  private final FleetBus fleet;
  private final EntityManager database;

  public FleetOnce(FleetBus fleet, EntityManager database) {
    this.fleet = fleet;
    this.database = database;
  }

  /**
   * Runs {@code job} unless another replica ran it less than a period ago.
   *
   * @param name the job's name, the same in every replica
   * @param period how often the scheduler fires it
   * @return whether this replica ran it
   */
  public boolean run(String name, Duration period, Runnable job) {
    if (fleet.shared() && !QuarkusTransaction.requiringNew().call(() -> claim(name, period))) {
      LOG.debugf("job %s: another replica ran it in this period", name);
      return false;
    }
    LOG.debugf("job %s: runs here", name);
    job.run();
    return true;
  }

  private boolean claim(String name, Duration period) {
    database
        .createNativeQuery(
            "insert into fleet_job (name, ran_at, ran_by) values (?1, '-infinity', '')"
                + " on conflict (name) do nothing")
        .setParameter(1, name)
        .executeUpdate();
    long claimedMillis = (long) (period.toMillis() * CLAIMED_FOR);
    int claimed =
        database
            .createNativeQuery(
                "update fleet_job set ran_at = clock_timestamp(), ran_by = ?1"
                    + " where name = ?2"
                    + " and ran_at <= clock_timestamp() - ?3 * interval '1 millisecond'")
            .setParameter(1, fleet.replica())
            .setParameter(2, name)
            .setParameter(3, claimedMillis)
            .executeUpdate();
    return claimed == 1;
  }
}
