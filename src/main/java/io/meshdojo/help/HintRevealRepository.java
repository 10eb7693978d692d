package io.meshdojo.help;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@ApplicationScoped
public class HintRevealRepository implements PanacheRepository<HintReveal> {

  /** Indexes of the lab's hints the account has revealed. */
  public Set<Integer> revealed(long accountId, String labId) {
    return find("accountId = ?1 and labId = ?2", accountId, labId).stream()
        .map(h -> h.hintIndex)
        .collect(Collectors.toSet());
  }

  /** How many hints the account has revealed, per lab. */
  public Map<String, Integer> countsByLab(long accountId) {
    return find("accountId", accountId).stream()
        .collect(Collectors.groupingBy(h -> h.labId, Collectors.summingInt(h -> 1)));
  }

  /**
   * Records a reveal once: a second click racing the first inserts nothing instead of failing on
   * the unique constraint (ON CONFLICT DO NOTHING runs on PostgreSQL and on H2).
   */
  public void record(long accountId, String labId, int hintIndex, Instant at) {
    getEntityManager()
        .createNativeQuery(
            "INSERT INTO hint_reveal (account_id, lab_id, hint_index, revealed_at)"
                + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
        .setParameter(1, accountId)
        .setParameter(2, labId)
        .setParameter(3, hintIndex)
        .setParameter(4, at.atOffset(ZoneOffset.UTC))
        .executeUpdate();
  }
}
