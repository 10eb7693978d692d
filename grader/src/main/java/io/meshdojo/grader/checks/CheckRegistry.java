package io.meshdojo.grader.checks;

import io.meshdojo.grader.findings.Finding;
import io.meshdojo.grader.mesh.Mesh;
import java.util.ArrayList;
import java.util.List;

/** Every check, once. Add a new check here (see grader/README.md, "How to add a check"). */
public final class CheckRegistry {

  private static final List<Check> CHECKS =
      List.of(
          new DestinationHostNotFound(),
          new SubsetNotFound(),
          new GatewayNotFound(),
          new VirtualServiceHostNotInGateway(),
          new ConflictingMeshVirtualServices(),
          new UnreachableRule(),
          new PortNameWithoutProtocol(),
          new GatewayPortNotOnService(),
          new GatewayCredentialInvalid(),
          new DestinationRuleTlsWithoutCa(),
          new SelectorMatchesNoWorkload(),
          new SeveralNamespaceTelemetries(),
          new FaultWithoutPercentage(),
          new StrictWithPlaintextClient(),
          new DottedShortHost(),
          new PrincipalWithoutServiceAccount(),
          new SubsetSelectsNoPods(),
          new PodMissingProxy(),
          new InjectionRevisionMissing(),
          new SmartLimiterTarget(),
          new SmartLimiterExpressions(),
          new MetaRouterHostNotFound(),
          new MetaRouterSubsetNotFound(),
          new MetaRouterSharedHost());

  private CheckRegistry() {}

  public static List<Check> all() {
    return CHECKS;
  }

  /** Runs every check; findings in registry order. */
  public static List<Finding> runAll(Mesh mesh) {
    List<Finding> out = new ArrayList<>();
    for (Check c : CHECKS) {
      out.addAll(c.run(new CheckContext(mesh)));
    }
    return out;
  }
}
