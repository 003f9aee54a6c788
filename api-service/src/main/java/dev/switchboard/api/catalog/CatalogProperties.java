package dev.switchboard.api.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param refreshInterval how often to ask catalog-service for a newer snapshot (a conditional GET);
 *                        a change signal over Redis triggers an immediate refresh as well
 */
@ConfigurationProperties("switchboard.catalog")
public record CatalogProperties(@DefaultValue("2s") Duration refreshInterval) {
}
