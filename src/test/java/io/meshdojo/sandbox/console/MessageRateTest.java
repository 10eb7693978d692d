package io.meshdojo.sandbox.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MessageRateTest {

  @Test
  void allowsABurstThenRefillsWithTime() {
    AtomicLong now = new AtomicLong(5_000_000_000L);
    MessageRate rate = new MessageRate(3, now::get);
    assertThat(rate.allow()).isTrue();
    assertThat(rate.allow()).isTrue();
    assertThat(rate.allow()).isTrue();
    assertThat(rate.allow()).isFalse();
    now.addAndGet(333_333_334L); // a third of a second: one message more
    assertThat(rate.allow()).isTrue();
    assertThat(rate.allow()).isFalse();
    now.addAndGet(60_000_000_000L); // a quiet minute refills the burst, no more
    for (int i = 0; i < 3; i++) {
      assertThat(rate.allow()).isTrue();
    }
    assertThat(rate.allow()).isFalse();
  }
}
