package dev.switchboard.api.identity.keys;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How API keys are checked ({@code switchboard.api-keys.*}).
 *
 * @param cacheTtl     how long a key found in the database is trusted from memory; a key disabled or
 *                     deleted on another api-service instance stops working here within this time
 * @param missTtl      how long an unknown key is remembered as unknown, so a flood of bad keys costs
 *                     one query per key and interval; a new key is random, so nobody can have asked
 *                     for it before it existed
 * @param cacheMaxSize keys kept in memory (least recently used go first)
 */
@ConfigurationProperties("switchboard.api-keys")
public record ApiKeyProperties(@DefaultValue("60s") Duration cacheTtl,
                               @DefaultValue("5s") Duration missTtl,
                               @DefaultValue("100000") long cacheMaxSize) {
}
