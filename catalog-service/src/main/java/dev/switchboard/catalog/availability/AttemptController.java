package dev.switchboard.catalog.availability;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.contracts.catalog.AttemptOutcome;

/**
 * {@code POST /internal/catalog/attempts}: a batch of upstream attempts from the api-service (sent
 * off its request path). Answers 202 with the number of attempts that count towards uptime.
 */
@RestController
class AttemptController {

    private final AttemptLog attempts;
    private final AvailabilityWindows windows;

    AttemptController(AttemptLog attempts, AvailabilityWindows windows) {
        this.attempts = attempts;
        this.windows = windows;
    }

    @PostMapping("/internal/catalog/attempts")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Recorded> record(@RequestBody List<AttemptOutcome> batch) {
        return attempts.record(batch)
                .doOnNext(stored -> windows.invalidate())
                .map(Recorded::new);
    }

    /** How many attempts of the batch were stored (those not excluded by status or endpoint). */
    record Recorded(long recorded) {
    }
}
