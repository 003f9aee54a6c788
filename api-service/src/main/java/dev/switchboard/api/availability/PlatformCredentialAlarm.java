package dev.switchboard.api.availability;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import dev.switchboard.api.provider.ProviderError;

/**
 * The operator's alert for a platform credential that a provider refused. A refused BYOK key is
 * the organisation's problem and reaches it as a 401; a refused platform key is ours: every request
 * routed to that provider fails over or gets a 502 until the operator replaces the key. So each
 * refusal counts in {@code switchboard.upstream.platform_credentials_refused{provider}} (for an
 * alerting rule) and is logged at ERROR, at most once per provider per {@link #LOG_INTERVAL}, so a
 * burst of traffic does not flood the log. The log names the provider and the upstream status,
 * never the key or the upstream's message (which may echo it).
 */
@Component
public class PlatformCredentialAlarm {

    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(PlatformCredentialAlarm.class);

    private final MeterRegistry meters;
    private final Clock clock;
    private final ConcurrentMap<String, Long> lastLoggedMillis = new ConcurrentHashMap<>();

    PlatformCredentialAlarm(MeterRegistry meters, ObjectProvider<Clock> clock) {
        this.meters = meters;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Raises the alarm when {@code error}, from an attempt at provider {@code slug}, is a refusal of
     * the platform's own credential ({@code byok} false).
     */
    public void failed(String slug, boolean byok, ProviderError error) {
        if (byok || !(error instanceof ProviderError.AuthenticationFailed refused)) {
            return;
        }
        refusals(slug).increment();
        long now = clock.millis();
        Long previous = lastLoggedMillis.get(slug);
        boolean due = previous == null || now - previous >= LOG_INTERVAL.toMillis();
        boolean mine = due && (previous == null ? lastLoggedMillis.putIfAbsent(slug, now) == null
                : lastLoggedMillis.replace(slug, previous, now));
        if (mine) {
            log.error("Provider {} refused the platform's credential (upstream status {}): requests to it fail over "
                    + "or get 502 until switchboard.providers.{}.api-key is replaced", slug, refused.upstreamStatus(), slug);
        }
    }

    Counter refusals(String provider) {
        return meters.counter("switchboard.upstream.platform_credentials_refused", "provider", provider);
    }
}
