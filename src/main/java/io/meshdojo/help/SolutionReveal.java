package io.meshdojo.help;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A learner revealed a lab's reference solution; only the first time is kept. */
@Entity
@Table(name = "solution_reveal")
public class SolutionReveal {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "account_id", nullable = false)
  public Long accountId;

  @Column(name = "lab_id", nullable = false, length = 100)
  public String labId;

  @Column(name = "revealed_at", nullable = false)
  public Instant revealedAt;
}
