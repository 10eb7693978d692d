package io.meshdojo.sandbox.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatchHubTest {

  static WatchHub.Event event(String sandbox, long rv) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putObject("metadata").put("name", "o" + rv);
    return new WatchHub.Event(sandbox, "ADDED", "", "pods", "default", rv, o);
  }

  /** A watch that records what it is handed and why it was ended. */
  static final class Recorded implements WatchHub.Watch {
    final List<WatchHub.Event> seen = new ArrayList<>();
    final List<String> endedBecause = new ArrayList<>();

    @Override
    public void accept(WatchHub.Event event) {
      seen.add(event);
    }

    @Override
    public void end(String why) {
      endedBecause.add(why);
    }
  }

  @Test
  void watchersSeeTheirOwnSandboxOnlyAndLeaveNothingBehind() {
    WatchHub hub = new WatchHub(10, 20);
    Recorded watcher = new Recorded();
    hub.watch("a", 1, watcher);
    hub.publish(List.of(event("b", 1), event("a", 2)));
    assertThat(watcher.seen).extracting(WatchHub.Event::resourceVersion).containsExactly(2L);
    hub.unwatch("a", watcher);
    hub.publish(List.of(event("a", 3)));
    assertThat(watcher.seen).hasSize(1);
    assertThat(hub.watchedSandboxes()).isZero();
  }

  @Test
  void watchesAreCappedPerSandboxAndPerAccount() {
    WatchHub hub = new WatchHub(2, 3);
    hub.watch("a", 1, new Recorded());
    hub.watch("a", 1, new Recorded());
    assertThatThrownBy(() -> hub.watch("a", 1, new Recorded()))
        .isInstanceOf(KubeException.class)
        .hasMessageContaining("this sandbox already has 2 open watches")
        .extracting(e -> ((KubeException) e).code())
        .isEqualTo(429);
    hub.watch("b", 1, new Recorded());
    assertThatThrownBy(() -> hub.watch("c", 1, new Recorded()))
        .hasMessageContaining("your sandboxes already have 3 open watches");
    hub.watch("c", 2, new Recorded());
  }

  @Test
  void endingASandboxEndsItsWatchesAndFreesTheirPlaces() {
    WatchHub hub = new WatchHub(1, 1);
    Recorded first = new Recorded();
    Recorded other = new Recorded();
    hub.watch("a", 1, first);
    hub.watch("b", 2, other);
    hub.endAll("a", "sandbox session a has ended");
    assertThat(first.endedBecause).containsExactly("sandbox session a has ended");
    assertThat(other.endedBecause).isEmpty();
    hub.publish(List.of(event("a", 1)));
    assertThat(first.seen).isEmpty();
    hub.watch("c", 1, new Recorded());
  }

  @Test
  void aWatchLastsWhatItAsksForUpToTheCap() {
    Duration cap = Duration.ofMinutes(30);
    assertThat(EmbeddedApi.watchSeconds(null, cap)).isEqualTo(1800);
    assertThat(EmbeddedApi.watchSeconds("0", cap)).isEqualTo(1800);
    assertThat(EmbeddedApi.watchSeconds("60", cap)).isEqualTo(60);
    assertThat(EmbeddedApi.watchSeconds("999999", cap)).isEqualTo(1800);
    assertThat(EmbeddedApi.watchSeconds("99999999999999999999999", cap)).isEqualTo(1800);
    assertThatThrownBy(() -> EmbeddedApi.watchSeconds("-5", cap))
        .isInstanceOf(KubeException.class)
        .hasMessageContaining("timeoutSeconds must be a whole number of seconds");
  }
}
