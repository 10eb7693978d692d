package io.meshdojo.sandbox.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.SandboxSessionRepository;
import io.meshdojo.sandbox.embedded.WatchHub;
import io.meshdojo.web.Language;
import io.meshdojo.web.Pages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What the terminal goes on printing after a command's first output: {@code kubectl get -w} (each
 * change the sandbox commits that the command would show, as kubectl prints it, for {@link
 * #SECONDS} seconds) and {@code kubectl logs -f} (each new log line, for {@link #LOG_SECONDS}
 * seconds). Either stops early at Ctrl-C or when the sandbox ends, since the terminal answers one
 * command at a time. Each counts against the sandbox's and the account's watch limits, as the API's
 * watches do.
 */
@ApplicationScoped
class ConsoleWatch {

  /** How long the terminal's watch lasts. */
  static final int SECONDS = 10;

  /** How long the terminal follows a log: long enough to send requests from elsewhere. */
  static final int LOG_SECONDS = 300;

  /** Something to start once the command's first output is printed. */
  interface Follow {
    /**
     * Starts printing with {@code print}; {@code over} runs once if it ends on its own (the sandbox
     * ended). The handle ends it.
     */
    Running start(Consumer<String> print, Runnable over);

    /** How long the terminal lets it run. */
    default int seconds() {
      return SECONDS;
    }

    /** What the terminal says when that time is up. */
    default String ended(Language lang) {
      return Pages.messages(lang).console_watch_ended(String.valueOf(SECONDS));
    }
  }

  /** A running watch. */
  interface Running {
    void stop();
  }

  /** A source of lines: subscribes a printer, and the handle unsubscribes it. */
  interface Lines {
    AutoCloseable subscribe(Consumer<String> line);
  }

  private final WatchHub hub;
  private final SandboxSessionRepository sessions;

  ConsoleWatch(WatchHub hub, SandboxSessionRepository sessions) {
    this.hub = hub;
    this.sessions = sessions;
  }

  /**
   * @param wanted which committed changes the command shows
   * @param printed how one changed object prints (a table row without its header, a name…)
   */
  Follow follow(
      String sandbox, Predicate<WatchHub.Event> wanted, Function<ObjectNode, String> printed) {
    return (print, over) ->
        open(
            sandbox,
            event -> {
              if (wanted.test(event)) {
                print.accept(printed.apply(event.object()));
              }
            },
            print,
            over);
  }

  /** {@code logs -f}: each line {@code lines} hands over, until stopped or the sandbox ends. */
  Follow followLog(String sandbox, Lines lines) {
    return new Follow() {
      @Override
      public Running start(Consumer<String> print, Runnable over) {
        AutoCloseable subscription = lines.subscribe(line -> print.accept(line + "\n"));
        Running watch;
        try {
          watch = open(sandbox, event -> {}, print, () -> close(subscription, over));
        } catch (RuntimeException e) {
          close(subscription, () -> {});
          throw e;
        }
        return () -> {
          watch.stop();
          close(subscription, () -> {});
        };
      }

      @Override
      public int seconds() {
        return LOG_SECONDS;
      }

      @Override
      public String ended(Language lang) {
        return MessageBundles.get(TerminalMessages.class, Localized.Literal.of(lang.code()))
            .logs_follow_ended(String.valueOf(LOG_SECONDS));
      }
    };
  }

  private static void close(AutoCloseable subscription, Runnable then) {
    try {
      subscription.close();
    } catch (Exception e) {
      throw new IllegalStateException("a log subscription could not be closed", e);
    }
    then.run();
  }

  /**
   * A watch on the sandbox's committed changes, counted as the API's watches are; its end (the
   * sandbox ended) is printed and reported to {@code over}.
   */
  private Running open(
      String sandbox, Consumer<WatchHub.Event> changed, Consumer<String> print, Runnable over) {
    long account =
        QuarkusTransaction.requiringNew()
            .call(() -> sessions.findByIdOptional(sandbox).orElseThrow().accountId);
    WatchHub.Watch watch =
        new WatchHub.Watch() {
          @Override
          public void accept(WatchHub.Event event) {
            changed.accept(event);
          }

          @Override
          public void end(String why) {
            print.accept(why + "\n");
            over.run();
          }
        };
    hub.watch(sandbox, account, watch);
    return () -> hub.unwatch(sandbox, watch);
  }
}
