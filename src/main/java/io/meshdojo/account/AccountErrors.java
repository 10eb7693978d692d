package io.meshdojo.account;

import io.meshdojo.web.ApiError;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

class AccountErrors {

  @ServerExceptionMapper
  Response taken(UsernameTakenException e) {
    return ApiError.response(Response.Status.CONFLICT, e.getMessage());
  }

  @ServerExceptionMapper
  Response tooMany(TooManyAttemptsException e) {
    return Response.fromResponse(ApiError.response(429, e.getMessage()))
        .header("Retry-After", e.retryAfterSeconds())
        .build();
  }

  @ServerExceptionMapper
  Response lastAdmin(LastAdminException e) {
    return ApiError.response(Response.Status.CONFLICT, e.getMessage());
  }

  @ServerExceptionMapper
  Response disabled(SignupDisabledException e) {
    return ApiError.response(Response.Status.FORBIDDEN, e.getMessage());
  }
}
