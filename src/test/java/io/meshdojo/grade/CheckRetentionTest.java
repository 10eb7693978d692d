package io.meshdojo.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.meshdojo.account.AccountRepository;
import io.meshdojo.sandbox.Kubectl;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retention rule: the newest checks per learner and lab, and always the newest passing one. */
@QuarkusTest
class CheckRetentionTest {

  private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

  @Inject CheckRetention retention;
  @Inject LabCheckRepository checks;
  @Inject AccountRepository accounts;
  @Inject EntityManager database;

  @Test
  void keepsTheNewestChecksPerLabAndTheNewestPassingOne() {
    long learner = account();
    long other = account();
    // minutes after START; true = passed
    List<Long> routing = store(learner, "request-routing", false, true, false, false, false, false);
    List<Long> mtls = store(learner, "mtls-strict", false, false);
    List<Long> twice = store(other, "request-routing", true, false, false, true, false);

    int deleted = retention.prune(3);

    assertThat(remaining(learner, "request-routing"))
        .as("the newest three, and the passing check at minute 1 though it is older")
        .containsExactly(routing.get(5), routing.get(4), routing.get(3), routing.get(1));
    assertThat(remaining(learner, "mtls-strict")).containsExactly(mtls.get(1), mtls.get(0));
    assertThat(remaining(other, "request-routing"))
        .as("the newest passing check is among the newest three: the older pass goes")
        .containsExactly(twice.get(4), twice.get(3), twice.get(2));
    assertThat(deleted).isGreaterThanOrEqualTo(2 + 2);
    List<Long> gone = List.of(routing.get(0), routing.get(2), twice.get(0), twice.get(1));
    assertThat(objectivesOf(gone)).as("objectives of deleted checks").isZero();
    assertThat(objectivesOf(routing.subList(3, 6))).isEqualTo(3);
    assertThat(retention.prune(3)).as("nothing more to delete").isZero();
  }

  @Test
  void keepingNothingIsRefused() {
    assertThatThrownBy(() -> retention.prune(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private long account() {
    String name = Kubectl.newLearner();
    return QuarkusTransaction.requiringNew()
        .call(() -> accounts.findByUsername(name).orElseThrow().id);
  }

  /** One check a minute from START, each with one objective. */
  private List<Long> store(long account, String lab, boolean... passed) {
    List<Long> ids = new ArrayList<>();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (int i = 0; i < passed.length; i++) {
                LabCheck c = new LabCheck();
                c.accountId = account;
                c.labId = lab;
                c.sessionId = "retention-test";
                c.checkedAt = START.plusSeconds(60L * i);
                c.passed = passed[i];
                c.score = passed[i] ? 1 : 0;
                c.maxScore = 1;
                ObjectiveOutcome o = new ObjectiveOutcome();
                o.objectiveId = "only";
                o.passed = passed[i];
                o.points = 1;
                c.objectives.add(o);
                checks.persist(c);
                ids.add(c.id);
              }
            });
    return ids;
  }

  private List<Long> remaining(long account, String lab) {
    return QuarkusTransaction.requiringNew()
        .call(() -> checks.latest(account, lab, 100).stream().map(c -> c.id).toList());
  }

  private long objectivesOf(List<Long> ids) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        database
                            .createNativeQuery(
                                "select count(*) from lab_check_objective where check_id in (?1)")
                            .setParameter(1, ids)
                            .getSingleResult())
                    .longValue());
  }
}
