package dev.switchboard.api.availability;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.switchboard.api.MovableClock;
import dev.switchboard.api.provider.ProviderError;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformCredentialAlarmTest {

    private static final String SECRET = "sk-live-do-not-log-me";

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final PlatformCredentialAlarm alarm = new PlatformCredentialAlarm(meters,
            new StaticListableBeanFactory(Map.of("clock", clock)).getBeanProvider(Clock.class));
    private final Logger logger = (Logger) LoggerFactory.getLogger(PlatformCredentialAlarm.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Test
    void aRefusedPlatformKeyIsCountedEveryTimeAndLoggedOncePerProviderPerMinute() {
        for (int i = 0; i < 5; i++) {
            alarm.failed("openai", false, refused("openai"));
        }
        alarm.failed("anthropic", false, refused("anthropic"));
        clock.advance(PlatformCredentialAlarm.LOG_INTERVAL.minus(Duration.ofSeconds(1)));
        alarm.failed("openai", false, refused("openai"));
        clock.advance(Duration.ofSeconds(1));
        alarm.failed("openai", false, refused("openai"));

        assertThat(alarm.refusals("openai").count()).isEqualTo(7);
        assertThat(alarm.refusals("anthropic").count()).isEqualTo(1);
        assertThat(logged.list).extracting(ILoggingEvent::getLevel).containsOnly(Level.ERROR);
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .hasSize(3)
                .allSatisfy(message -> assertThat(message).contains("refused the platform's credential")
                        .contains("upstream status 401").doesNotContain(SECRET))
                .filteredOn(message -> message.startsWith("Provider openai")).hasSize(2);
    }

    @Test
    void aRefusedByokKeyOrAnyOtherFailureRaisesNothing() {
        alarm.failed("openai", true, refused("openai"));
        alarm.failed("openai", false, new ProviderError.Unavailable("openai", 503, "overloaded"));
        alarm.failed("openai", false, new ProviderError.TimedOut("openai", "no first byte"));

        assertThat(alarm.refusals("openai").count()).isZero();
        assertThat(logged.list).isEmpty();
    }

    private static ProviderError refused(String provider) {
        return new ProviderError.AuthenticationFailed(provider, 401, "Incorrect API key provided: " + SECRET);
    }
}
