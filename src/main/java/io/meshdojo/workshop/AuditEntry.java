package io.meshdojo.workshop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Who did what to whom in a workshop: "ana reset bob's sandbox for request-routing". */
@Entity
@Table(name = "workshop_audit")
public class AuditEntry {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "workshop_id", nullable = false)
  public Long workshopId;

  @Column(nullable = false, length = 32)
  public String actor;

  @Column(nullable = false, length = 32)
  public String action;

  /** The learner acted on, if any. */
  @Column(length = 32)
  public String target;

  @Column(length = 200)
  public String detail;

  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;
}
