package dev.switchboard.api.provider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * What a client would assemble from an answer in OpenAI's format, streamed or not: the text, the
 * reasoning, each tool call's name and joined arguments, the finish reasons and the usage. Lets one
 * table assert a recording the same way whichever way it was served.
 */
public record Answer(String content, String reasoning, Map<Integer, String> toolNames,
                     Map<Integer, String> toolArguments, List<String> reasoningSignatures, String finishReason,
                     String nativeFinishReason, TokenUsage usage, int pieces) {

    public static Answer of(List<StreamEvent> events) {
        StringBuilder content = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        Map<Integer, String> names = new TreeMap<>();
        Map<Integer, String> arguments = new TreeMap<>();
        List<String> signatures = new ArrayList<>();
        String finish = null;
        String nativeFinish = null;
        TokenUsage usage = null;
        int pieces = 0;
        for (StreamEvent event : events) {
            switch (event) {
                case StreamEvent.Chunk chunk -> {
                    pieces += chunk.generatedPieces();
                    JsonNode choice = chunk.chunk().path("choices").path(0);
                    JsonNode delta = choice.path("delta");
                    content.append(delta.path("content").asString(""));
                    reasoning.append(delta.path("reasoning").asString(""));
                    delta.path("reasoning_details").forEach(d -> {
                        if (d.hasNonNull("signature")) {
                            signatures.add(d.get("signature").asString());
                        }
                        if (d.hasNonNull("data")) {
                            signatures.add(d.get("data").asString());
                        }
                    });
                    for (JsonNode call : delta.path("tool_calls")) {
                        int index = call.path("index").asInt(0);
                        if (call.path("function").hasNonNull("name")) {
                            names.put(index, call.path("function").get("name").asString());
                        }
                        arguments.merge(index, call.path("function").path("arguments").asString(""), String::concat);
                    }
                    if (chunk.finishReason() != null) {
                        finish = chunk.finishReason();
                        nativeFinish = choice.path("native_finish_reason").asString(null);
                    }
                }
                case StreamEvent.HiddenPieces hidden -> pieces += hidden.generatedPieces();
                case StreamEvent.InputUsage input -> {
                }
                case StreamEvent.Usage reported -> usage = reported.usage();
            }
        }
        return new Answer(content.toString(), reasoning.toString(), names, arguments, signatures, finish, nativeFinish,
                usage, pieces);
    }

    public static Answer of(Completion completion) {
        JsonNode choice = completion.body().path("choices").path(0);
        JsonNode message = choice.path("message");
        Map<Integer, String> names = new TreeMap<>();
        Map<Integer, String> arguments = new TreeMap<>();
        int index = 0;
        for (JsonNode call : message.path("tool_calls")) {
            names.put(index, call.path("function").path("name").asString());
            arguments.put(index++, call.path("function").path("arguments").asString());
        }
        List<String> signatures = new ArrayList<>();
        message.path("reasoning_details").forEach(d -> {
            if (d.hasNonNull("signature")) {
                signatures.add(d.get("signature").asString());
            }
            if (d.hasNonNull("data")) {
                signatures.add(d.get("data").asString());
            }
        });
        return new Answer(message.path("content").asString(""), message.path("reasoning").asString(""), names,
                arguments, signatures, completion.finishReason(), choice.path("native_finish_reason").asString(null),
                completion.usage(), 0);
    }
}
