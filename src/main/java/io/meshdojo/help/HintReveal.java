package io.meshdojo.help;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A learner revealed one of a lab's hints; {@code hintIndex} counts from 0 in lab.yaml order. */
@Entity
@Table(name = "hint_reveal")
public class HintReveal {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "account_id", nullable = false)
  public Long accountId;

  @Column(name = "lab_id", nullable = false, length = 100)
  public String labId;

  @Column(name = "hint_index", nullable = false)
  public int hintIndex;

  @Column(name = "revealed_at", nullable = false)
  public Instant revealedAt;
}
