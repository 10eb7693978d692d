package io.meshdojo.account;

public class SignupDisabledException extends RuntimeException {
  public SignupDisabledException() {
    super("sign-up is switched off on this server; ask an administrator for an account");
  }
}
