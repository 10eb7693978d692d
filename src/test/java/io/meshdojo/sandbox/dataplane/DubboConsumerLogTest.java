package io.meshdojo.sandbox.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Aeraki lab's Dubbo consumer catches up on its calls when its log is read: the first read
 * finds the last minute's calls, a later read adds only the seconds since, each call once (its log,
 * shared by the fleet, says how far it got).
 */
@QuarkusTest
class DubboConsumerLogTest {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

  private static List<String> consumerLog(Kubectl k) throws Exception {
    return k.run(
            "-n",
            "meta-dubbo",
            "logs",
            "deploy/dubbo-sample-consumer",
            "-c",
            "dubbo-sample-consumer")
        .ok()
        .lines()
        .toList();
  }

  private static LocalDateTime calledAt(String line) {
    return LocalDateTime.parse(line.substring(1, line.indexOf(']')), TIME);
  }

  @Test
  void eachSecondsCallIsLoggedOnceAcrossReads() throws Exception {
    Kubectl k = Kubectl.forNewSession("aeraki-dubbo-routing");
    List<String> first = consumerLog(k);
    assertThat(first).hasSize(60);
    List<String> second = consumerLog(k);
    assertThat(second).startsWith(first.toArray(String[]::new));
    for (int i = 1; i < second.size(); i++) {
      assertThat(calledAt(second.get(i)))
          .as("one call a second, none twice: %s", second)
          .isEqualTo(calledAt(second.get(i - 1)).plusSeconds(1));
    }
  }
}
