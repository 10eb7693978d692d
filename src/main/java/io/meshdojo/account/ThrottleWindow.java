package io.meshdojo.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One counter of {@link Throttle}: how many attempts a bucket has had since its window began. */
@Entity
@Table(name = "throttle_window")
public class ThrottleWindow {

  @Id
  @Column(length = 200)
  public String bucket;

  @Column(name = "window_start", nullable = false)
  public Instant windowStart;

  @Column(nullable = false)
  public int hits;
}
