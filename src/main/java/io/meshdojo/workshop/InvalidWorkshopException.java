package io.meshdojo.workshop;

import io.meshdojo.web.BadInputException;

/** A workshop's field that is missing or wrong: 400 naming the field. */
public class InvalidWorkshopException extends BadInputException {

  private final String field;

  public InvalidWorkshopException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
