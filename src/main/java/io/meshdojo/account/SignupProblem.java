package io.meshdojo.account;

/** Why a sign-up was refused; the API answers with the English text, pages translate the code. */
public enum SignupProblem {
  USERNAME_MISSING("username is required"),
  USERNAME_FORMAT(
      "username must be 3 to 32 characters: letters, digits, '.', '_' or '-',"
          + " starting with a letter or digit"),
  PASSWORD_SHORT("password must have at least " + AccountService.MIN_PASSWORD + " characters"),
  PASSWORD_LONG("password must have at most " + AccountService.MAX_PASSWORD + " characters"),
  PASSWORD_CONTAINS_USERNAME("password must not contain the username"),
  PASSWORD_SIMPLE("password is too easy to guess: use more different characters"),
  PASSWORD_COMMON(
      "password is one of the most common passwords (digits or symbols added around it do not"
          + " help): attackers try these first, so choose one of your own");

  private final String message;

  SignupProblem(String message) {
    this.message = message;
  }

  public String message() {
    return message;
  }
}
