package io.meshdojo.sandbox.kind;

/** Names shared by the kind backend's parts: container labels and in-cluster names. */
public final class KindSandboxLabels {

  /** Set on every container the backend creates; its value is the sandbox cluster id. */
  public static final String SANDBOX = "io.meshdojo.sandbox";

  /** The environment the cluster was installed for. */
  public static final String ENVIRONMENT = "io.meshdojo.environment";

  /** Where the learner's toolbox pod runs inside a sandbox cluster. */
  public static final String TOOLBOX_NAMESPACE = "dojo-toolbox";

  /** The toolbox pod (infra/toolbox/toolbox-*.yaml) and its container with kubectl and curl. */
  public static final String TOOLBOX_POD = "toolbox";

  /** The toolbox pod's ServiceAccount (infra/toolbox/rbac.yaml): the terminal's identity. */
  public static final String TOOLBOX_SERVICE_ACCOUNT = "toolbox";

  public static final String TOOLBOX_CONTAINER = "shell";

  private KindSandboxLabels() {}
}
