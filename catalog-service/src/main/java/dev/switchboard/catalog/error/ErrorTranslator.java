package dev.switchboard.catalog.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/** Translates failures of the controllers into {@link ErrorBody} JSON, once, at the boundary. */
@RestControllerAdvice
class ErrorTranslator {

    private static final Logger log = LoggerFactory.getLogger(ErrorTranslator.class);

    @ExceptionHandler(CatalogException.class)
    ResponseEntity<ErrorBody> refused(CatalogException e) {
        return ResponseEntity.status(e.status()).body(ErrorBody.of(e.status(), e.getMessage(), e.metadata()));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ErrorBody> badInput(ServerWebInputException e) {
        return ResponseEntity.badRequest().body(ErrorBody.of(400, e.getReason() == null ? "bad request" : e.getReason(), null));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ResponseEntity<ErrorBody> status(ResponseStatusException e) {
        int code = e.getStatusCode().value();
        String reason = e.getReason() != null ? e.getReason() : HttpStatus.valueOf(code).getReasonPhrase();
        return ResponseEntity.status(code).body(ErrorBody.of(code, reason, null));
    }

    /** Anything else is our fault; the client sees a generic message, the log has the cause. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return ResponseEntity.internalServerError().body(ErrorBody.of(500, "internal error", null));
    }
}
