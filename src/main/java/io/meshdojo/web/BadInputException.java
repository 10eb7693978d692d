package io.meshdojo.web;

/** Input the caller can fix: answered with 400 and the message, never a 500. */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }
}
