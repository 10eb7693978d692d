package io.meshdojo.help;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

@ApplicationScoped
public class SolutionRevealRepository implements PanacheRepository<SolutionReveal> {

  /** When the account first revealed the lab's solution, if it has. */
  public Optional<Instant> revealed(long accountId, String labId) {
    return find("accountId = ?1 and labId = ?2", accountId, labId)
        .firstResultOptional()
        .map(r -> r.revealedAt);
  }

  /** When the account first revealed each solution it has revealed, by lab. */
  public Map<String, Instant> byLab(long accountId) {
    return find("accountId", accountId).stream()
        .collect(Collectors.toMap(r -> r.labId, r -> r.revealedAt));
  }

  /** Records the first reveal; later ones (or a racing one) change nothing. */
  public void record(long accountId, String labId, Instant at) {
    getEntityManager()
        .createNativeQuery(
            "INSERT INTO solution_reveal (account_id, lab_id, revealed_at)"
                + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
        .setParameter(1, accountId)
        .setParameter(2, labId)
        .setParameter(3, at.atOffset(ZoneOffset.UTC))
        .executeUpdate();
  }
}
