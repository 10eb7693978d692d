package io.meshdojo.sandbox.embedded.install;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code istioctl install}, {@code uninstall}, {@code tag} and {@code x precheck} as plans: what to
 * write and delete, and what istioctl prints. The plan is computed from the sandbox's objects alone
 * and written by the caller through the store's normal write path, so validation, watches and the
 * controllers see an install as they see any other write.
 *
 * @see <a href="https://istio.io/latest/docs/setup/upgrade/canary/">Istio's canary upgrade</a>
 */
public final class IstioInstaller {

  /** An object to delete: its kind, namespace ("" when cluster-scoped) and name. */
  public record Ref(String kind, String namespace, String name) {}

  /** What to write (create or replace), what to delete, in order, and what istioctl prints. */
  public record Plan(List<ObjectNode> writes, List<Ref> deletes, String output) {}

  private final String clientVersion;

  /**
   * @param clientVersion the Istio version of the sandbox's environment: the istioctl of its
   *     terminal, which installs its own version only
   */
  public IstioInstaller(String clientVersion) {
    this.clientVersion = clientVersion;
  }

  public Plan install(OperatorSpec spec, ControlPlane current) {
    String rev = InstallManifests.revLabel(spec.revision());
    String existing = current.revisions().get(rev);
    int client = ControlPlane.minor(clientVersion);
    for (Map.Entry<String, String> running : current.revisions().entrySet()) {
      int minor = ControlPlane.minor(running.getValue());
      if (running.getKey().equals(rev) && minor >= 0 && client - minor > 1) {
        throw new InstallRefused(
            "Error: upgrade is currently not supported: "
                + running.getValue()
                + " -> "
                + clientVersion
                + " skips more than one minor version; upgrade one minor at a time (or install a"
                + " new revision beside it)");
      }
    }
    if (existing != null && ControlPlane.minor(existing) > client) {
      throw new InstallRefused(
          "Error: revision \""
              + rev
              + "\" runs "
              + existing
              + ", newer than this istioctl ("
              + clientVersion
              + "): a downgrade in place is not supported");
    }
    List<ObjectNode> writes = InstallManifests.render(spec, clientVersion);
    List<Ref> deletes = new ArrayList<>();
    for (String kind : List.of("ingressGateways", "egressGateways")) {
      for (OperatorSpec.Gateway g : spec.gateways(kind)) {
        if (!g.enabled() && ownedBy(current, g.name(), rev)) {
          // istioctl prunes what the same revision's earlier install made and this one does not.
          deletes.add(new Ref("Deployment", ControlPlane.SYSTEM, g.name()));
          deletes.add(new Ref("Service", ControlPlane.SYSTEM, g.name()));
          deletes.add(
              new Ref("ServiceAccount", ControlPlane.SYSTEM, g.name() + "-service-account"));
        }
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("\u2714 Istio core installed \u26f5\ufe0f\n");
    out.append("\u2714 Istiod installed \ud83e\udde0\n");
    if (enabled(spec, "ingressGateways")) {
      out.append("\u2714 Ingress gateways installed \ud83d\udeec\n");
    }
    if (enabled(spec, "egressGateways")) {
      out.append("\u2714 Egress gateways installed \ud83d\udeeb\n");
    }
    out.append("\u2714 Installation complete\n");
    if (!spec.revision().isEmpty() && current.revisions().containsKey("default")) {
      out.append(
          "The revision \""
              + spec.revision()
              + "\" is installed beside the default one: label a namespace istio.io/rev="
              + spec.revision()
              + " (or move a tag with istioctl tag set) to use it.\n");
    }
    return new Plan(writes, deletes, out.toString());
  }

  private static boolean enabled(OperatorSpec spec, String kind) {
    return spec.gateways(kind).stream().anyMatch(OperatorSpec.Gateway::enabled);
  }

  private static boolean ownedBy(ControlPlane current, String name, String rev) {
    return current
        .find("Deployment", ControlPlane.SYSTEM, name)
        .map(d -> d.path("metadata").path("labels").path(ControlPlane.REV).asText("default"))
        .filter(rev::equals)
        .isPresent();
  }

  /** {@code istioctl uninstall --revision R}: its istiod, mesh config, webhook and record. */
  public Plan uninstall(String revision, ControlPlane current) {
    String rev = InstallManifests.revLabel(revision);
    if (!current.revisions().containsKey(rev)) {
      throw new InstallRefused(
          "Error: could not find the control plane revision \"" + revision + "\" in the cluster");
    }
    String suffix = InstallManifests.suffix(revision);
    StringBuilder out = new StringBuilder();
    List<String> proxies = current.proxiesOf(rev);
    if (!proxies.isEmpty()) {
      out.append(
          "There are still "
              + proxies.size()
              + " proxies pointing to the control plane revision "
              + rev
              + "\n");
      proxies.forEach(p -> out.append(p).append('\n'));
      out.append("They will lose their control plane once it is removed.\n");
    }
    List<Ref> deletes = new ArrayList<>();
    current
        .tags()
        .forEach(
            (tag, target) -> {
              if (target.equals(rev)) {
                deletes.add(new Ref("MutatingWebhookConfiguration", "", tagWebhook(tag)));
              }
            });
    deletes.add(new Ref("MutatingWebhookConfiguration", "", "istio-sidecar-injector" + suffix));
    deletes.add(new Ref("Deployment", ControlPlane.SYSTEM, "istiod" + suffix));
    deletes.add(new Ref("Service", ControlPlane.SYSTEM, "istiod" + suffix));
    deletes.add(new Ref("ServiceAccount", ControlPlane.SYSTEM, "istiod" + suffix));
    deletes.add(new Ref("ConfigMap", ControlPlane.SYSTEM, "istio" + suffix));
    deletes.add(new Ref("IstioOperator", ControlPlane.SYSTEM, "installed-state" + suffix));
    for (String gateway : List.of("istio-ingressgateway", "istio-egressgateway")) {
      if (ownedBy(current, gateway, rev)) {
        deletes.add(new Ref("Deployment", ControlPlane.SYSTEM, gateway));
        deletes.add(new Ref("Service", ControlPlane.SYSTEM, gateway));
        deletes.add(new Ref("ServiceAccount", ControlPlane.SYSTEM, gateway + "-service-account"));
      }
    }
    out.append("\u2714 Uninstall complete\n");
    return new Plan(List.of(), deletes, out.toString());
  }

  public static String tagWebhook(String tag) {
    return "istio-revision-tag-" + tag;
  }

  /** {@code istioctl tag set TAG --revision R [--overwrite]}. */
  public Plan tagSet(String tag, String revision, boolean overwrite, ControlPlane current) {
    if (!current.revisions().containsKey(revision)) {
      throw new InstallRefused(
          "Error: cannot find MutatingWebhookConfiguration with revision \"" + revision + "\"");
    }
    if (current.revisions().containsKey(tag)) {
      throw new InstallRefused(
          "Error: cannot create revision tag \""
              + tag
              + "\": found existing control plane revision with same name");
    }
    String now = current.tags().get(tag);
    if (now != null && !now.equals(revision) && !overwrite) {
      throw new InstallRefused(
          "Error: revision tag \""
              + tag
              + "\" already exists, and --overwrite is false (it points to revision \""
              + now
              + "\")");
    }
    ObjectNode hook =
        InstallManifests.injectorWebhook(
            tagWebhook(tag), revision.equals("default") ? "" : revision, tag);
    String out =
        "Revision tag \""
            + tag
            + "\" created, referencing control plane revision \""
            + revision
            + "\". To enable injection using this\nrevision tag, use 'kubectl label namespace"
            + " <NAMESPACE> istio.io/rev="
            + tag
            + "'\n";
    return new Plan(List.of(hook), List.of(), out);
  }

  /** {@code istioctl tag remove TAG}: refused while namespaces still select it. */
  public Plan tagRemove(String tag, boolean skipConfirmation, ControlPlane current) {
    if (!current.tags().containsKey(tag)) {
      throw new InstallRefused(
          "Error: cannot remove tag \""
              + tag
              + "\": cannot find MutatingWebhookConfiguration for tag \""
              + tag
              + "\"");
    }
    List<String> using = current.namespacesUsing(tag);
    if (!using.isEmpty() && !skipConfirmation) {
      throw new InstallRefused(
          "Error: revision tag "
              + tag
              + " is currently in use by existing namespaces, please remove the tag from them"
              + " before removing it: "
              + String.join(", ", using)
              + " (or pass --skip-confirmation)");
    }
    return new Plan(
        List.of(),
        List.of(new Ref("MutatingWebhookConfiguration", "", tagWebhook(tag))),
        "Revision tag " + tag + " removed\n");
  }

  /** {@code istioctl tag list}. */
  public String tagList(ControlPlane current) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TAG", "REVISION", "NAMESPACES"});
    current
        .tags()
        .forEach(
            (tag, rev) ->
                rows.add(new String[] {tag, rev, String.join(",", current.namespacesUsing(tag))}));
    return table(rows);
  }

  /** {@code istioctl x precheck}: what would stop an install or upgrade to this istioctl. */
  public String precheck(ControlPlane current) {
    int client = ControlPlane.minor(clientVersion);
    List<String> problems = new ArrayList<>();
    current
        .revisions()
        .forEach(
            (rev, version) -> {
              int minor = ControlPlane.minor(version);
              if (minor >= 0 && client - minor > 1) {
                problems.add(
                    "Error: revision \""
                        + rev
                        + "\" runs "
                        + version
                        + ": upgrading it in place to "
                        + clientVersion
                        + " skips more than one minor version. Install a canary revision instead.");
              }
            });
    if (problems.isEmpty()) {
      return "\u2714 No issues found when checking the cluster. Istio is safe to install or"
          + " upgrade!\n  To get started, check out"
          + " https://istio.io/latest/docs/setup/getting-started/\n";
    }
    return String.join("\n", problems) + "\n";
  }

  private static String table(List<String[]> rows) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(
            i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 1) + "s", row[i]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
