package io.meshdojo.sandbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One object of an embedded sandbox, stored as the JSON the API serves. */
@Entity
@Table(name = "sandbox_object")
public class SandboxObject {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "sandbox_id", nullable = false, length = 36)
  public String sandboxId;

  @Column(name = "api_group", nullable = false, length = 100)
  public String apiGroup;

  @Column(nullable = false, length = 100)
  public String resource;

  /** '' for cluster-scoped objects. */
  @Column(nullable = false, length = 63)
  public String namespace;

  @Column(nullable = false, length = 253)
  public String name;

  @Column(nullable = false, length = 36)
  public String uid;

  @Column(name = "resource_version", nullable = false)
  public long resourceVersion;

  @Column(nullable = false, columnDefinition = "TEXT")
  public String body;
}
