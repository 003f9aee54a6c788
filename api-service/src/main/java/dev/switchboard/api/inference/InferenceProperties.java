package dev.switchboard.api.inference;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param keepaliveInterval while a stream waits for its first token, a {@code : SWITCHBOARD PROCESSING}
 *                          comment is sent this often so proxies and clients keep the connection open
 * @param settleAttempts    how often settling a generation in Redis is tried before it is reported
 *                          as unsettled (its hold then expires; the loss is logged and counted)
 */
@ConfigurationProperties("switchboard.inference")
public record InferenceProperties(@DefaultValue("3s") Duration keepaliveInterval,
                                  @DefaultValue("5") int settleAttempts) {
}
