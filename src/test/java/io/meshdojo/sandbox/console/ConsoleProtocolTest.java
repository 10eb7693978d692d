package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.console.ConsoleProtocol.Incoming;
import org.junit.jupiter.api.Test;

class ConsoleProtocolTest {

  @Test
  void readsTheThreeKindsOfMessage() {
    assertThat(
            ConsoleProtocol.read("{\"type\":\"command\",\"line\":\"get po\",\"stdin\":\"a: 1\"}"))
        .contains(new Incoming("command", "get po", "a: 1", null, null, null));
    assertThat(ConsoleProtocol.read("{\"type\":\"input\",\"data\":\"\\u0003\",\"extra\":1}"))
        .contains(new Incoming("input", null, null, "\u0003", null, null));
    assertThat(ConsoleProtocol.read("{\"type\":\"resize\",\"cols\":120,\"rows\":30}"))
        .contains(new Incoming("resize", null, null, null, 120, 30));
    // Ctrl-C while logs -f or get -w prints: nothing more to it.
    assertThat(ConsoleProtocol.read("{\"type\":\"interrupt\"}"))
        .contains(new Incoming("interrupt", null, null, null, null, null));
  }

  @Test
  void refusesWhatIsNotAWholeKnownMessage() {
    assertThat(ConsoleProtocol.read("not json")).isEmpty();
    assertThat(ConsoleProtocol.read("{}")).isEmpty();
    assertThat(ConsoleProtocol.read("null")).isEmpty();
    assertThat(ConsoleProtocol.read("{\"type\":\"exec\",\"line\":\"sh\"}")).isEmpty();
    assertThat(ConsoleProtocol.read("{\"type\":\"command\"}")).isEmpty();
    assertThat(ConsoleProtocol.read("{\"type\":\"resize\",\"cols\":0,\"rows\":30}")).isEmpty();
    assertThat(ConsoleProtocol.read("{\"type\":\"resize\",\"cols\":80,\"rows\":100000}")).isEmpty();
  }

  @Test
  void writesTypeFirst() {
    assertThat(ConsoleProtocol.output("a\n")).isEqualTo("{\"type\":\"output\",\"text\":\"a\\n\"}");
    assertThat(ConsoleProtocol.exit(1)).isEqualTo("{\"type\":\"exit\",\"code\":1}");
    assertThat(ConsoleProtocol.hello("restricted", "hi"))
        .startsWith("{\"type\":\"hello\",")
        .contains("\"mode\":\"restricted\"");
  }

  @Test
  void closeReasonsFitAFrameAndLanguageComesFromTheQuery() {
    assertThat(
            ConsoleSocket.closeReason("é".repeat(100))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .hasSizeLessThanOrEqualTo(123);
    assertThat(ConsoleSocket.languageOf("lang=zh")).isEqualTo(io.meshdojo.web.Language.ZH);
    assertThat(ConsoleSocket.languageOf("x=1&lang=xx")).isEqualTo(io.meshdojo.web.Language.EN);
    assertThat(ConsoleSocket.languageOf(null)).isEqualTo(io.meshdojo.web.Language.EN);
  }
}
