package io.meshdojo.sandbox;

public enum SandboxStatus {
  PROVISIONING,
  READY,
  FAILED,
  EXPIRED,
  ENDED
}
