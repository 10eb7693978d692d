package io.meshdojo.account;

import io.meshdojo.web.AppMessages;
import io.meshdojo.web.Language;
import io.meshdojo.web.PageContext;
import io.meshdojo.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The admin's page: find accounts, change their roles, disable or enable them. The changes go
 * through the accounts API ({@code PUT /api/accounts/...}), so the page and the API share one set
 * of rules, the last admin's protection included.
 */
@Path("/{lang:en|zh}/admin")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Role.ADMIN_NAME)
public class AdminPage {

  private static final Pattern SEARCH = Pattern.compile("[A-Za-z0-9._-]{0,32}");

  /** One account as the page lists it. */
  public record Row(String username, String role, boolean disabled, boolean self) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance admin(
        PageContext page, String query, List<Row> accounts, List<String> roles);
  }

  private final Pages pages;
  private final AccountService accounts;

  public AdminPage(Pages pages, AccountService accounts) {
    this.pages = pages;
    this.accounts = accounts;
  }

  @GET
  @Operation(hidden = true)
  public TemplateInstance admin(@PathParam("lang") String code, @QueryParam("q") String q) {
    Language lang = Pages.language(code);
    AppMessages msg = Pages.messages(lang);
    String query = q == null || !SEARCH.matcher(q).matches() ? "" : q;
    String me = pages.username().orElseThrow();
    List<Row> rows =
        accounts.search(query, AccountResource.MAX_RESULTS).stream()
            .map(a -> new Row(a.username, a.role, a.disabledAt != null, a.username.equals(me)))
            .toList();
    List<String> roles = List.of(Role.LEARNER_NAME, Role.INSTRUCTOR_NAME, Role.ADMIN_NAME);
    PageContext page = pages.context(lang, "admin", "admin", msg.admin_title());
    return Pages.localized(Templates.admin(page, query, rows, roles), lang);
  }
}
