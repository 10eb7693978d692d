package io.meshdojo.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns failures into answers a person can act on: JSON {@link ApiError}s under {@code /api}, a
 * page in the visitor's language elsewhere. Never a stack trace.
 */
public class ErrorResponses {

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance error(PageContext page, String heading, String text);
  }

  private final Pages pages;

  public ErrorResponses(Pages pages) {
    this.pages = pages;
  }

  @ServerExceptionMapper
  public Response badInput(BadInputException e) {
    return ApiError.response(Response.Status.BAD_REQUEST, e.getMessage());
  }

  @ServerExceptionMapper
  public Response webError(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
    int status = e.getResponse().getStatus();
    if (uri.getPath().startsWith("/api/") || uri.getPath().equals("/api")) {
      return ApiError.response(status, apiMessage(e, status));
    }
    Language lang = pageLanguage(uri, headers);
    AppMessages msg = Pages.messages(lang);
    boolean notFound = status == 404;
    String heading = notFound ? msg.error_not_found_title() : msg.error_title();
    String text = notFound ? msg.error_not_found_text() : status + " " + reason(status);
    PageContext page = pages.context(lang, "", "error", heading);
    return Response.status(status)
        .type(MediaType.TEXT_HTML_TYPE)
        .entity(Pages.localized(Templates.error(page, heading, text), lang))
        .build();
  }

  private static String apiMessage(WebApplicationException e, int status) {
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof JsonProcessingException json) {
        return "malformed JSON body: " + json.getOriginalMessage();
      }
    }
    String message = e.getMessage();
    if (message == null || message.startsWith("HTTP " + status)) {
      return switch (status) {
        case 404 -> "not found";
        case 405 -> "method not allowed here";
        case 415 -> "unsupported content type: send application/json";
        default -> reason(status);
      };
    }
    return message;
  }

  private static String reason(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    return known == null ? "error" : known.getReasonPhrase();
  }

  private static Language pageLanguage(UriInfo uri, HttpHeaders headers) {
    String[] segments = uri.getPath().split("/", 3);
    return segments.length > 1
        ? Language.fromCode(segments[1]).orElseGet(() -> LanguageChoice.of(headers))
        : LanguageChoice.of(headers);
  }
}
