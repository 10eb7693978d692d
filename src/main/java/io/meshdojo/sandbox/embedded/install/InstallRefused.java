package io.meshdojo.sandbox.embedded.install;

/** What istioctl refuses to do, in its wording as far as it is known; nothing was written. */
public final class InstallRefused extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InstallRefused(String message) {
    super(message);
  }
}
