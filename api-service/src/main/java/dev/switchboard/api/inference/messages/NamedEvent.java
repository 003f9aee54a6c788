package dev.switchboard.api.inference.messages;

import tools.jackson.databind.node.ObjectNode;

/** One server-sent event with a name, as Anthropic streams them: {@code event: <name>} then {@code data: <json>}. */
public record NamedEvent(String name, ObjectNode data) {
}
