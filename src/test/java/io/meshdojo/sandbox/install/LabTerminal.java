package io.meshdojo.sandbox.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshdojo.sandbox.Kubectl;
import io.meshdojo.sandbox.console.ConsoleReply;
import io.meshdojo.sandbox.console.RestrictedConsole;
import io.meshdojo.web.Language;

/** A learner's lab terminal in a test: one line at a time, the editor's text for {@code -f -}. */
record LabTerminal(RestrictedConsole console, Kubectl k) {

  ConsoleReply run(String line, String editor) {
    return console.run(Kubectl.lastUser, k.sessionId, line, editor, Language.EN);
  }

  /** A line that must succeed (exit code 0). */
  ConsoleReply ok(String line, String editor) {
    ConsoleReply reply = run(line, editor);
    assertThat(reply.exitCode()).as(line + "\n" + reply.text()).isZero();
    return reply;
  }

  ConsoleReply ok(String line) {
    return ok(line, null);
  }
}
