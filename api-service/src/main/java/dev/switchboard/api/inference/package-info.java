/**
 * Where a request enters: the OpenAI-compatible inference endpoints. A request is parsed and
 * validated, routed from the in-memory catalog, held against the organisation's credit, sent
 * upstream with failover before the first byte, streamed back with a flush per event, and settled
 * with its actual usage on completion, error and cancellation alike.
 */
package dev.switchboard.api.inference;
