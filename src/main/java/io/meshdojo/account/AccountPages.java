package io.meshdojo.account;

import io.meshdojo.web.AppMessages;
import io.meshdojo.web.Language;
import io.meshdojo.web.LanguageChoice;
import io.meshdojo.web.PageContext;
import io.meshdojo.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Sign-in, sign-up and sign-out pages. Credentials are checked by Quarkus form authentication. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance login(PageContext page, boolean error, boolean created);

    static native TemplateInstance signup(
        PageContext page, String username, String error, int minPassword);
  }

  private final Pages pages;
  private final AccountService accounts;

  public AccountPages(Pages pages, AccountService accounts) {
    this.pages = pages;
    this.accounts = accounts;
  }

  /** Where form authentication sends visitors; it forwards to the page in their language. */
  @GET
  @Path("login")
  @Operation(hidden = true)
  public Response loginRedirect(@Context HttpHeaders headers, @QueryParam("error") String error) {
    String query = error == null ? "" : "?error=true";
    return Response.seeOther(URI.create("/" + LanguageChoice.of(headers).code() + "/login" + query))
        .build();
  }

  /** The sign-up address people are told about; it forwards to the page in their language. */
  @GET
  @Path("signup")
  @Operation(hidden = true)
  public Response signupRedirect(@Context HttpHeaders headers) {
    return Response.seeOther(URI.create("/" + LanguageChoice.of(headers).code() + "/signup"))
        .build();
  }

  @GET
  @Path("{lang:en|zh}/login")
  @Operation(hidden = true)
  public TemplateInstance login(
      @PathParam("lang") String code,
      @QueryParam("error") String error,
      @QueryParam("created") String created) {
    Language lang = Pages.language(code);
    PageContext page = pages.context(lang, "login", "account", Pages.messages(lang).login_title());
    return Pages.localized(Templates.login(page, error != null, created != null), lang);
  }

  @GET
  @Path("{lang:en|zh}/signup")
  @Operation(hidden = true)
  public TemplateInstance signupForm(@PathParam("lang") String code) {
    return signupPage(Pages.language(code), "", null);
  }

  @POST
  @Path("{lang:en|zh}/signup")
  @Operation(hidden = true)
  public Response signup(
      @PathParam("lang") String code,
      @FormParam("username") String username,
      @FormParam("password") String password,
      @Context HttpServerRequest http) {
    Language lang = Pages.language(code);
    AppMessages msg = Pages.messages(lang);
    try {
      accounts.signUp(username, password, http.remoteAddress().hostAddress());
      return Response.seeOther(URI.create("/" + lang.code() + "/login?created=true")).build();
    } catch (InvalidSignupException e) {
      return rejected(400, signupPage(lang, username, problemText(msg, e.problem())));
    } catch (UsernameTakenException e) {
      return rejected(409, signupPage(lang, username, msg.signup_error_taken()));
    } catch (SignupDisabledException e) {
      return rejected(403, signupPage(lang, username, msg.signup_disabled()));
    } catch (TooManyAttemptsException e) {
      return Response.fromResponse(
              rejected(
                  429,
                  signupPage(
                      lang, username, msg.throttled_text(String.valueOf(e.retryAfterMinutes())))))
          .header("Retry-After", e.retryAfterSeconds())
          .build();
    }
  }

  @POST
  @Path("logout")
  @Operation(hidden = true)
  public Response logout(@Context HttpHeaders headers) {
    pages.username().ifPresent(accounts::signOut);
    NewCookie expired =
        new NewCookie.Builder(SessionCookie.NAME)
            .value("")
            .path("/")
            .maxAge(0)
            .httpOnly(true)
            .build();
    return Response.seeOther(URI.create("/" + LanguageChoice.of(headers).code() + "/"))
        .cookie(expired)
        .build();
  }

  private TemplateInstance signupPage(Language lang, String username, String error) {
    PageContext page =
        pages.context(lang, "signup", "account", Pages.messages(lang).signup_title());
    return Pages.localized(
        Templates.signup(
            page, username == null ? "" : username, error, AccountService.MIN_PASSWORD),
        lang);
  }

  private static Response rejected(int status, TemplateInstance page) {
    return Response.status(status).entity(page).type(MediaType.TEXT_HTML_TYPE).build();
  }

  private static String problemText(AppMessages msg, SignupProblem problem) {
    return switch (problem) {
      case USERNAME_MISSING -> msg.signup_error_username_missing();
      case USERNAME_FORMAT -> msg.signup_error_username_format();
      case PASSWORD_SHORT -> msg.signup_error_password_short();
      case PASSWORD_LONG -> msg.signup_error_password_long();
      case PASSWORD_CONTAINS_USERNAME -> msg.signup_error_password_contains_username();
      case PASSWORD_SIMPLE -> msg.signup_error_password_simple();
      case PASSWORD_COMMON -> msg.signup_error_password_common();
    };
  }
}
