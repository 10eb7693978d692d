package io.meshdojo.account;

import io.quarkus.security.jpa.Password;
import io.quarkus.security.jpa.Roles;
import io.quarkus.security.jpa.UserDefinition;
import io.quarkus.security.jpa.Username;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A person who signs in. The password is stored only as a bcrypt hash (modular crypt format). */
@Entity
@Table(name = "account")
@UserDefinition
public class Account {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Username
  @Column(nullable = false, length = 32)
  public String username;

  @Password
  @Column(name = "password_hash", nullable = false, length = 100)
  public String passwordHash;

  @Roles
  @Column(nullable = false, length = 16)
  public String role;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** When the account last signed out: form sessions issued until then no longer authenticate. */
  @Column(name = "signed_out_at")
  public Instant signedOutAt;

  /** When an admin disabled the account (null: enabled): it can no longer sign in. */
  @Column(name = "disabled_at")
  public Instant disabledAt;
}
