package io.meshdojo.exam;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshdojo.sandbox.SandboxOwner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an attempt's sandbox holds on top of its environment: the setup of every drawn task, with
 * its parameters in. Nothing of the objectives or the solutions goes in.
 */
@ApplicationScoped
public class ExamSandboxSetups implements SandboxOwner.ExamSetups {

  private final AttemptRepository attempts;
  private final ExamCatalogue exams;

  public ExamSandboxSetups(AttemptRepository attempts, ExamCatalogue exams) {
    this.attempts = attempts;
    this.exams = exams;
  }

  @Override
  public Optional<List<ObjectNode>> of(String attemptId) {
    Optional<ExamAttempt> attempt =
        QuarkusTransaction.requiringNew().call(() -> attempts.findByIdOptional(attemptId));
    return attempt.flatMap(
        a ->
            exams
                .find(a.examId)
                .map(
                    exam -> {
                      List<ObjectNode> objects = new ArrayList<>();
                      Draws.read(exam, a.draw).forEach(d -> objects.addAll(d.setupObjects()));
                      return objects;
                    }));
  }
}
