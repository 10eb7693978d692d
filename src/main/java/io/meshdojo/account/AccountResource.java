package io.meshdojo.account;

import io.meshdojo.web.BadInputException;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Accounts over JSON: sign-up for anyone, the caller's own account, role changes for admins. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts")
public class AccountResource {

  public record SignupRequest(String username, String password) {}

  public record AccountView(String username, String role, boolean disabled) {
    static AccountView of(Account account) {
      return new AccountView(account.username, account.role, account.disabledAt != null);
    }
  }

  public record RoleChange(String role) {}

  public record DisabledChange(Boolean disabled) {}

  /** What the admin page's search may contain: the characters of a username. */
  private static final Pattern SEARCH = Pattern.compile("[A-Za-z0-9._-]{0,32}");

  static final int MAX_RESULTS = 200;

  private final AccountService service;
  private final SecurityIdentity identity;

  public AccountResource(AccountService service, SecurityIdentity identity) {
    this.service = service;
    this.identity = identity;
  }

  @POST
  @Path("/signup")
  @Operation(
      summary = "Create a learner account (201; 409 when the name is taken; 400 for weak input)")
  public Response signUp(SignupRequest request, @Context HttpServerRequest http) {
    if (request == null) {
      throw new BadInputException("a JSON body {\"username\",\"password\"} is required");
    }
    Account account =
        service.signUp(request.username(), request.password(), http.remoteAddress().hostAddress());
    return Response.created(URI.create("/api/me")).entity(AccountView.of(account)).build();
  }

  @GET
  @Path("/me")
  @Authenticated
  @Operation(summary = "The signed-in account")
  public AccountView me() {
    return service
        .find(identity.getPrincipal().getName())
        .map(AccountView::of)
        .orElseThrow(() -> new NotFoundException("account no longer exists"));
  }

  @GET
  @Path("/accounts")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      summary =
          "Accounts (admin): all of them, or with ?q= those whose name contains the text (at most"
              + " 200)")
  public List<AccountView> list(@QueryParam("q") String q) {
    if (q == null) {
      return service.list().stream().map(AccountView::of).toList();
    }
    if (!SEARCH.matcher(q).matches()) {
      throw new BadInputException(
          "q may hold up to 32 letters, digits, dots, underscores and hyphens");
    }
    return service.search(q, MAX_RESULTS).stream().map(AccountView::of).toList();
  }

  @PUT
  @Path("/accounts/{username}/disabled")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(
      summary =
          "Disable ({\"disabled\":true}) or enable an account (admin); disabling ends its sessions;"
              + " 409 for the last admin")
  public AccountView disable(@PathParam("username") String username, DisabledChange change) {
    if (change == null || change.disabled() == null) {
      throw new BadInputException("a JSON body {\"disabled\": true|false} is required");
    }
    return AccountView.of(
        service.setDisabled(username, change.disabled(), identity.getPrincipal().getName()));
  }

  @PUT
  @Path("/accounts/{username}/role")
  @RolesAllowed(Role.ADMIN_NAME)
  @Operation(summary = "Make an account a learner, instructor or admin (admin)")
  public AccountView changeRole(@PathParam("username") String username, RoleChange change) {
    Role role = Role.fromName(change == null ? null : change.role());
    return AccountView.of(service.changeRole(username, role, identity.getPrincipal().getName()));
  }
}
