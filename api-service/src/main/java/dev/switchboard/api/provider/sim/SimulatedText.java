package dev.switchboard.api.provider.sim;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Deterministic, plausible text for the simulated models: the same prompt gets the same answer, so
 * tests can assert on it. A "token" here is a word with its trailing space, which is what the
 * usage counts.
 */
final class SimulatedText {

    private static final String[] SENTENCES = {
            "This answer comes from Switchboard's simulated provider, so no real model was called.",
            "Every token you see was streamed one by one, the way a real upstream would send it.",
            "The usage at the end of the stream is exact, and the request is charged for it.",
            "Configure a real provider key to route the same request to a hosted model.",
            "Streaming through the gateway adds well under a millisecond per request.",
            "Prices here are per token, kept as exact decimals and charged in nano-dollars.",
            "A cancelled stream is charged only for the tokens that were already generated.",
            "Side-by-side comparisons show time to first token and throughput for each model.",
    };
    private static final String[] THOUGHTS = {
            "The user asked a question;", "a simulated model has no knowledge,", "so it explains what it is",
            "and how the platform measures it.",
    };

    private SimulatedText() {
    }

    /** The answer's tokens for this conversation, at most {@code limit}. */
    static List<String> answer(JsonNode messages, String model, int limit) {
        String prompt = lastUserText(messages);
        int seed = Math.floorMod((model + "\u0000" + prompt).hashCode(), SENTENCES.length);
        List<String> tokens = new ArrayList<>();
        words("Simulated reply (" + model + ") to \"" + abbreviate(prompt) + "\":", tokens);
        for (int i = 0; i < SENTENCES.length && tokens.size() < limit; i++) {
            words(SENTENCES[(seed + i) % SENTENCES.length], tokens);
        }
        return tokens.size() > limit ? tokens.subList(0, limit) : tokens;
    }

    static List<String> reasoning() {
        List<String> tokens = new ArrayList<>();
        for (String t : THOUGHTS) {
            words(t, tokens);
        }
        return tokens;
    }

    /** Prompt tokens as the simulator counts them: about four characters a token, plus framing per message. */
    static long promptTokens(JsonNode messages) {
        long chars = 0;
        int count = 0;
        for (JsonNode message : messages) {
            count++;
            JsonNode content = message.path("content");
            if (content.isString()) {
                chars += content.asString().length();
            } else if (content.isArray()) {
                for (JsonNode part : content) {
                    chars += part.path("text").asString("").length();
                }
            }
        }
        return (chars + 3) / 4 + 4L * count;
    }

    private static String lastUserText(JsonNode messages) {
        String text = "";
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asString(""))) {
                JsonNode content = message.path("content");
                text = content.isString() ? content.asString() : content.path(0).path("text").asString("");
            }
        }
        return text;
    }

    private static String abbreviate(String s) {
        String flat = s.replaceAll("\\s+", " ").trim();
        return flat.length() > 60 ? flat.substring(0, 57) + "..." : flat;
    }

    private static void words(String sentence, List<String> into) {
        for (String word : sentence.split(" ")) {
            into.add(word + " ");
        }
    }
}
