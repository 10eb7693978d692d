package io.meshdojo.sandbox.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.dataplane.SentRequests.Sent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The graph's request records stay bounded per sandbox, by count and by age. */
class SentRequestsTest {

  private static final Instant T0 = Instant.parse("2026-12-07T01:00:00Z");

  private static Sent at(Instant when, int status) {
    return new Sent(
        when,
        "bookinfo/sleep",
        null,
        "reviews.bookinfo.svc.cluster.local",
        null,
        null,
        status,
        "-",
        false);
  }

  @Test
  void theOldestGoFirstPastTheCountOrTheAgeAndSandboxesStayApart() {
    SentRequests sent = new SentRequests();
    for (int i = 0; i < SentRequests.PER_SANDBOX + 5; i++) {
      sent.record("a", at(T0.plusMillis(i), i));
    }
    assertThat(sent.since("a", T0))
        .hasSize(SentRequests.PER_SANDBOX)
        .first()
        .extracting(Sent::status)
        .isEqualTo(5);
    assertThat(sent.since("b", T0)).isEmpty();

    sent.record("a", at(T0.plus(SentRequests.KEPT).plusSeconds(10), 999));
    assertThat(sent.since("a", T0)).singleElement().extracting(Sent::status).isEqualTo(999);
    assertThat(sent.since("a", T0.plus(SentRequests.KEPT).plusSeconds(11))).isEmpty();
  }
}
