package io.meshdojo.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.lab.Lab;
import io.meshdojo.lab.LabService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The setup manifests of each lab or exam attempt, what a sandbox holds on top of its environment's
 * baseline.
 */
@ApplicationScoped
public class LabSetups {

  private final LabService labs;
  private final Instance<SandboxOwner.ExamSetups> exams;

  public LabSetups(LabService labs, Instance<SandboxOwner.ExamSetups> exams) {
    this.labs = labs;
    this.exams = exams;
  }

  /**
   * The owner's setup manifests, parsed: a lab's in the order lab.yaml lists them, an exam
   * attempt's from the exams; empty for no such lab or attempt.
   */
  public Optional<List<ObjectNode>> of(String owner) {
    Optional<String> attempt = SandboxOwner.attempt(owner);
    if (attempt.isPresent()) {
      return exams.isResolvable() ? exams.get().of(attempt.get()) : Optional.empty();
    }
    return labs.find(owner).map(LabSetups::read);
  }

  /**
   * What the owner's learner must be allowed to change in a real cluster ({@link LearnerRights}):
   * the namespaces of its setup, and the whole cluster for a lab that says so.
   */
  public LearnerRights rights(String owner) {
    return of(owner)
        .map(setup -> LearnerRights.of(setup, clusterAdmin(owner)))
        .orElse(LearnerRights.ENVIRONMENT_ONLY);
  }

  /**
   * Whether the owner is a lab that installs, upgrades or repairs Istio itself; exam attempts stay
   * in their namespaces.
   */
  public boolean clusterAdmin(String owner) {
    return SandboxOwner.attempt(owner).isEmpty()
        && labs.find(owner).map(Lab::clusterAdmin).orElse(false);
  }

  private static List<ObjectNode> read(Lab lab) {
    List<ObjectNode> objects = new ArrayList<>();
    for (String path : lab.setup()) {
      String resource = "meshdojo/labs/" + lab.id() + "/" + path;
      try (InputStream in =
          Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(
              "Lab " + lab.id() + " names setup file " + path + ", which is missing");
        }
        objects.addAll(
            Manifests.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return objects;
  }
}
