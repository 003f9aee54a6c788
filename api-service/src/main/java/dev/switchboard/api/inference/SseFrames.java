package dev.switchboard.api.inference;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;

/** Server-sent-event framing, written straight into buffers: one buffer per event, flushed alone. */
final class SseFrames {

    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROCESSING = ": SWITCHBOARD PROCESSING\n\n".getBytes(StandardCharsets.US_ASCII);

    private final DataBufferFactory buffers;
    private final ObjectMapper json;

    SseFrames(DataBufferFactory buffers, ObjectMapper json) {
        this.buffers = buffers;
        this.json = json;
    }

    DataBuffer data(ObjectNode event) {
        byte[] payload = json.writeValueAsBytes(event);
        DataBuffer buffer = buffers.allocateBuffer(DATA.length + payload.length + END.length);
        return buffer.write(DATA).write(payload).write(END);
    }

    /** A named event, as Anthropic's stream uses them: {@code event: <name>} then {@code data: <json>}. */
    DataBuffer event(String name, ObjectNode event) {
        byte[] header = ("event: " + name + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] payload = json.writeValueAsBytes(event);
        DataBuffer buffer = buffers.allocateBuffer(header.length + DATA.length + payload.length + END.length);
        return buffer.write(header).write(DATA).write(payload).write(END);
    }

    DataBuffer done() {
        return buffers.wrap(DONE);
    }

    DataBuffer processing() {
        return buffers.wrap(PROCESSING);
    }
}
