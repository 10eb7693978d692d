package io.meshdojo.account;

import io.meshdojo.web.BadInputException;

public class InvalidSignupException extends BadInputException {
  private final SignupProblem problem;

  public InvalidSignupException(SignupProblem problem) {
    super(problem.message());
    this.problem = problem;
  }

  public SignupProblem problem() {
    return problem;
  }
}
