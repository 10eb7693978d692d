package io.meshdojo.sandbox.console;

/** A mistake in the command found while carrying it out; the message is kubectl's. */
final class CommandError extends RuntimeException {
  CommandError(String message) {
    super(message, null, false, false);
  }

  static CommandError unknownType(String word) {
    return new CommandError("error: the server doesn't have a resource type \"" + word + "\"");
  }
}
