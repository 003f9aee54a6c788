package dev.switchboard.api.provider.sim;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param firstTokenDelay how long the simulated model "thinks" before its first token
 * @param tokenInterval   the pause between two streamed tokens (about 50 tokens/s by default)
 * @param maxTokens       the longest answer it writes when the request sets no limit
 */
@ConfigurationProperties("switchboard.sim")
public record SimProperties(@DefaultValue("250ms") Duration firstTokenDelay,
                            @DefaultValue("20ms") Duration tokenInterval,
                            @DefaultValue("120") int maxTokens) {
}
