package io.meshdojo.sandbox.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.SandboxSessionRepository;
import io.meshdojo.sandbox.embedded.WatchHub;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code kubectl get -w} in the terminal: after the list, each change the sandbox commits that the
 * command would show is printed as kubectl prints it, for {@link #SECONDS} seconds, since the
 * terminal answers one command at a time. Each watch counts against the sandbox's and the account's
 * watch limits, as the API's watches do.
 */
@ApplicationScoped
class ConsoleWatch {

  /** How long the terminal's watch lasts. */
  static final int SECONDS = 10;

  /** A watch to start once the command's first output is printed. */
  interface Follow {
    /** Starts printing each change with {@code print}; the handle ends it. */
    Running start(Consumer<String> print);
  }

  /** A running watch. */
  interface Running {
    void stop();
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
    return print -> {
      long account =
          QuarkusTransaction.requiringNew()
              .call(() -> sessions.findByIdOptional(sandbox).orElseThrow().accountId);
      WatchHub.Watch watch =
          new WatchHub.Watch() {
            @Override
            public void accept(WatchHub.Event event) {
              if (wanted.test(event)) {
                print.accept(printed.apply(event.object()));
              }
            }

            @Override
            public void end(String why) {
              print.accept(why + "\n");
            }
          };
      hub.watch(sandbox, account, watch);
      return () -> hub.unwatch(sandbox, watch);
    };
  }
}
