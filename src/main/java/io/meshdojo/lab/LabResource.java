package io.meshdojo.lab;

import io.meshdojo.web.Language;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public lab catalogue. Solutions and grading data are never part of it. */
@Path("/api/labs")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Labs")
public class LabResource {

  public record LabSummary(
      String id,
      String title,
      String summary,
      String environment,
      String difficulty,
      int estimatedMinutes,
      List<String> lessons) {}

  private final LabService labs;

  public LabResource(LabService labs) {
    this.labs = labs;
  }

  @GET
  @Operation(summary = "Every lab, in curriculum order")
  public List<LabSummary> list(
      @Parameter(description = "en (default) or zh") @QueryParam("lang") String lang) {
    Language language = Language.fromQuery(lang);
    return labs.list().stream()
        .map(
            lab ->
                new LabSummary(
                    lab.id(),
                    lab.title().in(language),
                    lab.summary().in(language),
                    lab.environment(),
                    lab.difficulty(),
                    lab.estimatedMinutes(),
                    lab.lessons()))
        .toList();
  }
}
