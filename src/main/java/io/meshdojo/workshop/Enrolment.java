package io.meshdojo.workshop;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A learner who joined a workshop with its code. */
@Entity
@Table(name = "workshop_enrolment")
public class Enrolment {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "workshop_id", nullable = false)
  public Long workshopId;

  @Column(name = "account_id", nullable = false)
  public Long accountId;

  @Column(name = "joined_at", nullable = false)
  public Instant joinedAt;
}
