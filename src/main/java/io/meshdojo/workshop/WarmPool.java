package io.meshdojo.workshop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A workshop's warm reservation: the share of its capacity the instructor wants ready (null for the
 * service's default) and where the reservation stood when the warm-pool job last looked.
 */
@Entity
@Table(name = "workshop_warm_pool")
public class WarmPool {

  /** Sandboxes start at once on this service's backend: nothing to reserve. */
  public static final String NOT_NEEDED = "not-needed";

  /** Before the lead time: nothing reserved yet. */
  public static final String SCHEDULED = "scheduled";

  /** From the lead time until the workshop ends. */
  public static final String RESERVING = "reserving";

  /** The workshop is over and what nobody took was freed. */
  public static final String RELEASED = "released";

  @Id
  @Column(name = "workshop_id")
  public Long workshopId;

  public Double share;

  @Column(nullable = false, length = 16)
  public String state = SCHEDULED;

  @Column(nullable = false)
  public int wanted;

  @Column(nullable = false)
  public int ready;

  @Column(nullable = false)
  public int starting;

  @Column(name = "host_limit", nullable = false)
  public int hostLimit;

  @Column(name = "checked_at")
  public Instant checkedAt;
}
