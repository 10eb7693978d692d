package io.meshdojo.ui;

import io.meshdojo.lesson.LessonCatalogue;
import io.meshdojo.lesson.LessonService;
import io.meshdojo.lesson.Track;
import io.meshdojo.web.Language;
import io.meshdojo.web.LanguageChoice;
import io.meshdojo.web.PageContext;
import io.meshdojo.web.Pages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** "/" sends a visitor to their language; "/{lang}/" is the home page. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomePage {

  /** A track with the number of lessons it holds, for the home page cards. */
  public record TrackCard(
      Track track, String title, String summary, int lessons, String firstLesson) {}

  @CheckedTemplate
  static class Templates {
    static native TemplateInstance home(PageContext page, List<TrackCard> tracks);
  }

  private final Pages pages;
  private final LessonService lessons;

  public HomePage(Pages pages, LessonService lessons) {
    this.pages = pages;
    this.lessons = lessons;
  }

  @GET
  @Operation(hidden = true)
  public Response root(@Context HttpHeaders headers) {
    return Response.seeOther(URI.create("/" + LanguageChoice.of(headers).code() + "/")).build();
  }

  /** Browsers and feed readers ask for /favicon.ico whatever the page links; the icon is SVG. */
  @GET
  @Path("favicon.ico")
  @Operation(hidden = true)
  public Response favicon() {
    return Response.status(Response.Status.MOVED_PERMANENTLY)
        .location(URI.create("/favicon.svg"))
        .build();
  }

  @GET
  @Path("{lang:en|zh}")
  @Operation(hidden = true)
  public Object home(@PathParam("lang") String code, @Context UriInfo uri) {
    if (!uri.getPath().endsWith("/")) {
      return Response.status(Response.Status.MOVED_PERMANENTLY)
          .location(URI.create("/" + code + "/"))
          .build();
    }
    Language lang = Pages.language(code);
    List<LessonCatalogue.Served> all = lessons.list(lang);
    List<TrackCard> cards =
        lessons.catalogue().tracks().stream()
            .map(
                t -> {
                  List<LessonCatalogue.Served> inTrack =
                      all.stream().filter(s -> s.lesson().track().equals(t.id())).toList();
                  return new TrackCard(
                      t,
                      t.title().in(lang),
                      t.summary().in(lang),
                      inTrack.size(),
                      inTrack.isEmpty() ? null : inTrack.get(0).lesson().id());
                })
            .toList();
    PageContext page = pages.context(lang, "", "home", Pages.messages(lang).home_title());
    return Pages.localized(Templates.home(page, cards), lang);
  }
}
