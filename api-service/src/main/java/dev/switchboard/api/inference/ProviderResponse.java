package dev.switchboard.api.inference;

import dev.switchboard.api.routing.Candidate;

/**
 * One attempt at one endpoint, as the generation record's {@code provider_responses[]} shows it.
 *
 * @param status    the upstream's HTTP status; 0 when no complete response arrived (refused or
 *                  broken connection, timeout); 200 once the endpoint began answering
 * @param latencyMs from the attempt's start to its first byte or its failure
 * @param error     what went wrong, scrubbed; null for a success
 */
record ProviderResponse(Candidate candidate, int status, long latencyMs, String error) {
}
