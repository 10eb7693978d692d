package io.meshdojo.workshop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A sandbox an enrolled learner started for one of a running workshop's labs. */
@Entity
@Table(name = "workshop_session")
public class WorkshopSession {

  @Id
  @Column(name = "session_id", length = 36)
  public String sessionId;

  @Column(name = "workshop_id", nullable = false)
  public Long workshopId;

  @Column(name = "account_id", nullable = false)
  public Long accountId;

  @Column(name = "lab_id", nullable = false, length = 100)
  public String labId;

  @Column(name = "started_at", nullable = false)
  public Instant startedAt;
}
