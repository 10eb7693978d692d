package io.meshdojo.account;

import io.meshdojo.web.AppMessages;
import io.meshdojo.web.Language;
import io.meshdojo.web.LanguageChoice;
import io.meshdojo.web.PageContext;
import io.meshdojo.web.Pages;
import io.meshdojo.web.ReturnPath;
import io.meshdojo.web.SessionCookie;
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
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Sign-in, sign-up and sign-out pages. Credentials are checked by Quarkus form authentication. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class AccountPages {

  /** Quarkus form authentication's cookie naming the page to return to after signing in. */
  static final String RETURN_COOKIE = "quarkus-redirect-location";

  /** Where Quarkus form authentication takes the sign-in form, and the form's field names. */
  static final String SIGN_IN_POST = "/j_security_check";

  static final String USERNAME_FIELD = "j_username";
  static final String PASSWORD_FIELD = "j_password";

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance login(PageContext page, boolean error);

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
  public Response loginRedirect(
      @Context HttpHeaders headers,
      @QueryParam("error") String error,
      @QueryParam("next") String next) {
    List<String> query = new ArrayList<>();
    if (error != null) {
      query.add("error=true");
    }
    ReturnPath.of(next).map(ReturnPath::parameter).ifPresent(query::add);
    String page = "/" + LanguageChoice.of(headers).code() + "/login";
    return Response.seeOther(
            URI.create(query.isEmpty() ? page : page + "?" + String.join("&", query)))
        .build();
  }

  /** The sign-up address people are told about; it forwards to the page in their language. */
  @GET
  @Path("signup")
  @Operation(hidden = true)
  public Response signupRedirect(@Context HttpHeaders headers, @QueryParam("next") String next) {
    String query = ReturnPath.of(next).map(ReturnPath::query).orElse("");
    return Response.seeOther(
            URI.create("/" + LanguageChoice.of(headers).code() + "/signup" + query))
        .build();
  }

  /**
   * The sign-in form. With a safe {@code next}, Quarkus form authentication is told to come back
   * there: it keeps the page to return to in its location cookie, as it does itself for a page that
   * asked for a sign-in.
   */
  @GET
  @Path("{lang:en|zh}/login")
  @Operation(hidden = true)
  public Response login(
      @PathParam("lang") String code,
      @QueryParam("error") String error,
      @QueryParam("next") String next,
      @Context UriInfo uri) {
    Language lang = Pages.language(code);
    PageContext page =
        pages.context(lang, "login", "account", Pages.messages(lang).login_title(), next);
    Response.ResponseBuilder answer =
        Response.ok(Pages.localized(Templates.login(page, error != null), lang))
            .type(MediaType.TEXT_HTML_TYPE);
    if (page.returnTo() != null) {
      answer.cookie(returnCookie(uri, page.returnTo()));
    }
    return answer.build();
  }

  @GET
  @Path("{lang:en|zh}/signup")
  @Operation(hidden = true)
  public TemplateInstance signupForm(
      @PathParam("lang") String code, @QueryParam("next") String next) {
    return signupPage(Pages.language(code), "", null, next);
  }

  /**
   * Creates the account, then signs the new learner in: a 307 has the browser post the same form
   * (it names its fields as the sign-in form does) to Quarkus form authentication, which sets its
   * session cookie and goes on to {@code next}, or to the home page in the learner's language.
   */
  @POST
  @Path("{lang:en|zh}/signup")
  @Operation(hidden = true)
  public Response signup(
      @PathParam("lang") String code,
      @FormParam(USERNAME_FIELD) String username,
      @FormParam(PASSWORD_FIELD) String password,
      @FormParam("next") String next,
      @Context UriInfo uri,
      @Context HttpServerRequest http) {
    Language lang = Pages.language(code);
    AppMessages msg = Pages.messages(lang);
    try {
      accounts.signUp(username, password, http.remoteAddress().hostAddress());
      String back = ReturnPath.of(next).orElse("/" + lang.code() + "/");
      return Response.temporaryRedirect(URI.create(SIGN_IN_POST))
          .cookie(returnCookie(uri, back))
          .build();
    } catch (InvalidSignupException e) {
      return rejected(400, signupPage(lang, username, problemText(msg, e.problem()), next));
    } catch (UsernameTakenException e) {
      return rejected(409, signupPage(lang, username, msg.signup_error_taken(), next));
    } catch (SignupDisabledException e) {
      return rejected(403, signupPage(lang, username, msg.signup_disabled(), next));
    } catch (TooManyAttemptsException e) {
      return Response.fromResponse(
              rejected(
                  429,
                  signupPage(
                      lang,
                      username,
                      msg.throttled_text(String.valueOf(e.retryAfterMinutes())),
                      next)))
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

  /**
   * Quarkus form authentication's location cookie: after a successful sign-in it redirects there,
   * having checked that the address has this request's scheme, host and port.
   */
  private static NewCookie returnCookie(UriInfo uri, String localPath) {
    URI base = uri.getBaseUri();
    String absolute = base.getScheme() + "://" + base.getRawAuthority() + localPath;
    return new NewCookie.Builder(RETURN_COOKIE)
        .value(absolute)
        .path("/")
        .httpOnly(true)
        .secure("https".equals(base.getScheme()))
        .sameSite(NewCookie.SameSite.LAX)
        .build();
  }

  private TemplateInstance signupPage(Language lang, String username, String error, String next) {
    PageContext page =
        pages.context(lang, "signup", "account", Pages.messages(lang).signup_title(), next);
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
