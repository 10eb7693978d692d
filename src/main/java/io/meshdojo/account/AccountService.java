package io.meshdojo.account;

import io.meshdojo.config.MeshDojoConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

@ApplicationScoped
public class AccountService {

  private static final Logger LOG = Logger.getLogger(AccountService.class);
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{2,31}");

  /** One block typed again and again, as in {@code abcdeabcde}. */
  private static final Pattern REPEATED_BLOCK = Pattern.compile("(.+?)\\1+", Pattern.DOTALL);

  public static final int MIN_PASSWORD = 10;
  static final int MAX_PASSWORD = 128;

  private final AccountRepository accounts;
  private final MeshDojoConfig config;
  private final Throttle throttle;
  private final SignOutTimes signOuts;

  public AccountService(
      AccountRepository accounts, MeshDojoConfig config, Throttle throttle, SignOutTimes signOuts) {
    this.signOuts = signOuts;
    this.accounts = accounts;
    this.config = config;
    this.throttle = throttle;
  }

  /** On first start with an empty database, create the admin account. */
  @Transactional
  void createFirstAdmin(@Observes StartupEvent start) {
    if (accounts.count() > 0) {
      return;
    }
    String password = config.admin().password().filter(p -> !p.isBlank()).orElse(null);
    if (password == null) {
      password = generatePassword();
      LOG.warnf(
          "Created the first admin account '%s' with the generated password %s"
              + " (shown only now; set MESHDOJO_ADMIN_PASSWORD to choose one).",
          config.admin().username(), password);
    } else {
      LOG.infof("Created the first admin account '%s'.", config.admin().username());
    }
    accounts.persist(newAccount(config.admin().username(), password, Role.ADMIN));
  }

  /**
   * Creates a learner account; the username is case-folded so "Ana" and "ana" are one person. Each
   * address may create only so many accounts per window (meshdojo.throttling).
   *
   * @param address the address the request came from
   */
  @Transactional
  public Account signUp(String username, String password, String address) {
    if (!config.signup().enabled()) {
      throw new SignupDisabledException();
    }
    Throttle.Limit fromAddress = throttle.addressSignups(address);
    throttle
        .retryAfter(fromAddress)
        .ifPresent(
            wait -> {
              LOG.warnf(
                  "Sign-up from %s refused for %d s: too many sign-ups", address, wait.toSeconds());
              throw new TooManyAttemptsException("sign-ups from this address", wait);
            });
    String name = checkUsername(username);
    checkPassword(name, password);
    if (accounts.findByUsername(name).isPresent()) {
      throw new UsernameTakenException(name);
    }
    Account account = newAccount(name, password, Role.LEARNER);
    accounts.persist(account);
    throttle.record(fromAddress);
    return account;
  }

  public List<Account> list() {
    return accounts.listAll(Sort.by("username"));
  }

  /** Accounts whose name contains {@code text}, for the admin page's search. */
  public List<Account> search(String text, int limit) {
    return accounts.search(text.trim().toLowerCase(Locale.ROOT), limit);
  }

  /**
   * Disables or enables an account. Disabling ends every session of the account at once (as signing
   * out does) and refuses its credentials from then on; the last enabled admin cannot be disabled,
   * for the same reason it cannot be demoted.
   */
  @Transactional
  public Account setDisabled(String username, boolean disabled, String changedBy) {
    Account account = require(username);
    if (disabled && account.disabledAt == null) {
      if (Role.ADMIN_NAME.equals(account.role) && accounts.lockAdmins().size() <= 1) {
        throw new LastAdminException(account.username);
      }
      account.disabledAt = Instant.now();
      account.signedOutAt = account.disabledAt;
      signOuts.signedOut(account.username, account.signedOutAt);
      LOG.infof("Account '%s' disabled by '%s'", account.username, changedBy);
    } else if (!disabled && account.disabledAt != null) {
      account.disabledAt = null;
      LOG.infof("Account '%s' enabled again by '%s'", account.username, changedBy);
    }
    return account;
  }

  /** Whether the account exists and is disabled. */
  @ActivateRequestContext
  public boolean disabled(String username) {
    return accounts.findByUsername(username).map(a -> a.disabledAt != null).orElse(false);
  }

  /**
   * Changes an account's role, but never takes the role away from the last admin: nobody could make
   * anyone admin again. The admins are locked while counting, so two admins demoting each other at
   * once cannot both succeed.
   */
  @Transactional
  public Account changeRole(String username, Role role, String changedBy) {
    Account account = require(username);
    if (Role.ADMIN_NAME.equals(account.role) && account.disabledAt == null && role != Role.ADMIN) {
      List<Account> admins = accounts.lockAdmins();
      if (admins.size() <= 1) {
        throw new LastAdminException(account.username);
      }
    }
    LOG.infof(
        "Role of '%s' changed from %s to %s by '%s'",
        account.username, account.role, role.roleName(), changedBy);
    account.role = role.roleName();
    return account;
  }

  /** Ends every form session of the account issued until now (see {@link SignedOutSessions}). */
  @Transactional
  public void signOut(String username) {
    accounts
        .findByUsername(username)
        .ifPresent(
            account -> {
              account.signedOutAt = Instant.now();
              signOuts.signedOut(account.username, account.signedOutAt);
            });
  }

  private Account require(String username) {
    return accounts
        .findByUsername(username)
        .orElseThrow(() -> new NotFoundException("No account " + username));
  }

  public Optional<Account> find(String username) {
    return accounts.findByUsername(username);
  }

  static String checkUsername(String username) {
    if (username == null || username.isBlank()) {
      throw new InvalidSignupException(SignupProblem.USERNAME_MISSING);
    }
    String name = username.trim().toLowerCase(Locale.ROOT);
    if (!USERNAME.matcher(name).matches()) {
      throw new InvalidSignupException(SignupProblem.USERNAME_FORMAT);
    }
    return name;
  }

  static void checkPassword(String username, String password) {
    if (password == null || password.length() < MIN_PASSWORD) {
      throw new InvalidSignupException(SignupProblem.PASSWORD_SHORT);
    }
    if (password.length() > MAX_PASSWORD) {
      throw new InvalidSignupException(SignupProblem.PASSWORD_LONG);
    }
    if (password.toLowerCase(Locale.ROOT).contains(username)) {
      throw new InvalidSignupException(SignupProblem.PASSWORD_CONTAINS_USERNAME);
    }
    if (password.chars().distinct().count() < 5 || REPEATED_BLOCK.matcher(password).matches()) {
      throw new InvalidSignupException(SignupProblem.PASSWORD_SIMPLE);
    }
    if (CommonPasswords.isCommon(password)) {
      throw new InvalidSignupException(SignupProblem.PASSWORD_COMMON);
    }
  }

  private static Account newAccount(String username, String password, Role role) {
    Account account = new Account();
    account.username = username;
    account.passwordHash = BcryptUtil.bcryptHash(password);
    account.role = role.roleName();
    account.createdAt = Instant.now();
    return account;
  }

  private static String generatePassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
