package io.meshdojo.sandbox.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The lab terminal's newer strings, {@code {tmsg:key}}. English is written here; Chinese is in
 * {@code messages/tmsg_zh.properties}, kept complete by MessageBundlesTest. A bundle of its own
 * because AppMessages is at the size where its generated code fails verification.
 */
@MessageBundle(value = "tmsg", locale = "en")
public interface TerminalMessages {

  @Message(
      "(logs -f: this terminal follows the log for {seconds} s or until Ctrl-C; your own kubectl logs -f with the kubeconfig download follows it for longer.)")
  String logs_follow_ended(String seconds);

  @Message("Stop")
  String console_stop();

  @Message("Stop the running command (Ctrl-C)")
  String console_stop_label();
}
