package io.meshdojo.sandbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class WatchHubTest {

  static WatchHub.Event event(String sandbox, long rv) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putObject("metadata").put("name", "o" + rv);
    return new WatchHub.Event(sandbox, "ADDED", "", "pods", "default", rv, o);
  }

  @Test
  void watchersSeeTheirOwnSandboxOnlyAndLeaveNothingBehind() {
    WatchHub hub = new WatchHub();
    List<WatchHub.Event> seen = new ArrayList<>();
    Consumer<WatchHub.Event> watcher = seen::add;
    hub.watch("a", watcher);
    hub.publish(List.of(event("b", 1), event("a", 2)));
    assertThat(seen).extracting(WatchHub.Event::resourceVersion).containsExactly(2L);
    hub.unwatch("a", watcher);
    hub.publish(List.of(event("a", 3)));
    assertThat(seen).hasSize(1);
    assertThat(hub.watchedSandboxes()).isZero();
  }
}
