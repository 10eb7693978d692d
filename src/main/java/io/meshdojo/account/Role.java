package io.meshdojo.account;

import io.meshdojo.web.BadInputException;
import java.util.Locale;

/** What an account may do. Stored lowercase; the names are also the security role names. */
public enum Role {
  LEARNER,
  INSTRUCTOR,
  ADMIN;

  public static final String LEARNER_NAME = "learner";
  public static final String INSTRUCTOR_NAME = "instructor";
  public static final String ADMIN_NAME = "admin";

  public static Role fromName(String name) {
    for (Role role : values()) {
      if (role.roleName().equals(name)) {
        return role;
      }
    }
    throw new BadInputException("role must be one of learner, instructor, admin");
  }

  public String roleName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
