package io.meshdojo.sandbox.console;

/** What a console line asks for, as {@link CommandParser} understands it. */
public sealed interface ConsoleRequest {

  /** An empty line: a fresh prompt. */
  record Blank() implements ConsoleRequest {}

  record Help() implements ConsoleRequest {}

  record Clear() implements ConsoleRequest {}

  record Run(KubectlCommand command) implements ConsoleRequest {}

  /** An istioctl command, run against the sandbox's mesh model. */
  record Istioctl(IstioctlCommand command) implements ConsoleRequest {}

  /** A helm command for Istio's charts, run against the sandbox's objects. */
  record Helm(HelmCommand command) implements ConsoleRequest {}

  /** A mistake kubectl itself would report; {@code message} is kubectl's wording. */
  record Invalid(String message, int exitCode) implements ConsoleRequest {

    /** kubectl's exit code for a usage mistake. */
    public Invalid(String message) {
      this(message, 1);
    }
  }

  /**
   * Something this console deliberately does not do (a shell feature, a verb, a file on disk); the
   * service explains it in the learner's language.
   */
  record Refused(Refusal reason, String detail) implements ConsoleRequest {}

  enum Refusal {
    SHELL_FEATURE,
    UNCLOSED_QUOTE,
    VERB_NOT_OFFERED,
    FILE_NOT_OFFERED,
    NOT_KUBECTL,
    TOO_LONG,
    /** {@code exec -i}/{@code -t}: the terminal sends whole lines, not a stream of keystrokes. */
    INTERACTIVE
  }
}
