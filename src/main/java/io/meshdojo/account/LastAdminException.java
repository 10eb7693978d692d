package io.meshdojo.account;

/** Taking the admin role from the only admin would leave nobody able to manage accounts. */
public class LastAdminException extends RuntimeException {
  public LastAdminException(String username) {
    super(
        "'"
            + username
            + "' is the only admin: make another account admin first, or nobody could manage"
            + " accounts any more");
  }
}
