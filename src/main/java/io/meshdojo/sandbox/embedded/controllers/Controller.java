package io.meshdojo.sandbox.embedded.controllers;

/**
 * One of the controllers a real cluster runs (kube-controller-manager's, or an add-on's such as
 * Slime's), reduced to what a learner can observe. The {@link ControllerManager} hands each change
 * of the sandbox to the controllers that watch its kind, in the transaction of the write that made
 * it, so what kubectl is told was written is already reconciled and stored.
 *
 * <p>A reconcile must be idempotent: it is called again for every change it makes itself, and must
 * then find nothing left to do.
 */
public interface Controller {

  /** Whether this controller wants to see this change. */
  boolean watches(Change change);

  /** Brings the sandbox in line with what the change asks for. */
  void reconcile(Cluster cluster, Change change);
}
