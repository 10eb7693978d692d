package io.meshdojo.sandbox.workspace;

/** The sandbox's API refused an operation; the message is the server's, in kubectl's wording. */
public class WorkspaceRefusal extends RuntimeException {

  private final int status;

  public WorkspaceRefusal(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status the sandbox's API answered with (404 for a missing object, 422 invalid...). */
  public int status() {
    return status;
  }
}
