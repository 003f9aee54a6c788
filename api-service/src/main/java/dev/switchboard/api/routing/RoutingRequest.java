package dev.switchboard.api.routing;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import dev.switchboard.api.error.ApiException;

/**
 * Everything in a chat request that decides where it may go: the models in fallback order, the
 * provider preferences, the size of the request, the parameters it uses and the stickiness key.
 *
 * @param parameters   the OpenAI/OpenRouter parameters the body sets (for {@code require_parameters})
 * @param capabilities what an endpoint must be able to do: {@code tools}, {@code response_format},
 *                     {@code reasoning}, {@code image_input}
 * @param stickinessKey {@code session_id} (or the {@code x-session-id} header), else {@code user},
 *                     else, for a prompt long enough to be cached upstream, a hash of its first
 *                     bytes; null otherwise
 */
public record RoutingRequest(UUID orgId, List<ModelChoice> models, ProviderPreferences provider, long promptTokens,
                             long maxTokens, Set<String> parameters, Set<String> capabilities, String stickinessKey) {

    /** Body fields that are not sampling or output parameters, so never "required" of an endpoint. */
    private static final Set<String> NOT_PARAMETERS = Set.of("model", "models", "messages", "stream", "stream_options",
            "provider", "user", "session_id", "transforms", "route", "usage", "plugins", "metadata", "prompt",
            "trace", "debug");
    private static final int MAX_MODELS = 8;
    /** Providers cache prompt prefixes from 1,024 tokens on; a shorter prompt gains nothing from stickiness. */
    static final long PREFIX_STICKY_MIN_TOKENS = 1_024;
    /** About the first 1,024 tokens: requests that share them share a cacheable prefix. */
    static final int PREFIX_BYTES = 4_096;

    /**
     * Reads the routing-relevant parts of a validated chat body.
     *
     * @param sessionHeader the {@code x-session-id} header, or null
     */
    public static RoutingRequest of(UUID orgId, ObjectNode body, long promptTokens, long maxTokens, String sessionHeader) {
        Set<String> parameters = new HashSet<>();
        for (String name : body.propertyNames()) {
            if (!NOT_PARAMETERS.contains(name) && !body.get(name).isNull()) {
                parameters.add(name);
            }
        }
        return new RoutingRequest(orgId, models(body), ProviderPreferences.parse(body.get("provider")), promptTokens,
                maxTokens, Set.copyOf(parameters), capabilities(body), stickinessKey(body, sessionHeader, promptTokens));
    }

    /** {@code model} first, then each of {@code models} not already listed. */
    private static List<ModelChoice> models(ObjectNode body) {
        List<String> ids = new ArrayList<>();
        JsonNode model = body.get("model");
        if (model != null && model.isString() && !model.asString().isBlank()) {
            ids.add(model.asString().trim());
        }
        JsonNode models = body.get("models");
        if (models != null && !models.isNull()) {
            if (!models.isArray()) {
                throw ApiException.badRequest("'models' must be an array of model ids");
            }
            for (JsonNode item : models) {
                if (!item.isString() || item.asString().isBlank()) {
                    throw ApiException.badRequest("'models' must be an array of model ids");
                }
                String id = item.asString().trim();
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
        if (ids.isEmpty()) {
            throw ApiException.badRequest("'model' is required (a catalogued model id such as 'openai/gpt-4o-mini')");
        }
        if (ids.size() > MAX_MODELS) {
            throw ApiException.badRequest("At most " + MAX_MODELS + " models may be listed in 'models'");
        }
        return ids.stream().map(ModelChoice::parse).toList();
    }

    private static Set<String> capabilities(ObjectNode body) {
        Set<String> needed = new HashSet<>();
        JsonNode tools = body.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            needed.add("tools");
        }
        JsonNode format = body.get("response_format");
        if (format != null && format.isObject() && !"text".equals(format.path("type").asString("text"))) {
            needed.add("response_format");
        }
        JsonNode reasoning = body.get("reasoning");
        if ((reasoning != null && reasoning.isObject() && !reasoning.path("exclude").asBoolean(false)
                && reasoning.path("enabled").asBoolean(true))
                || (body.has("reasoning_effort") && !body.get("reasoning_effort").isNull())) {
            needed.add("reasoning");
        }
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.get("content");
            if (content != null && content.isArray()) {
                for (JsonNode part : content) {
                    if ("image_url".equals(part.path("type").asString(""))) {
                        needed.add("image_input");
                    }
                }
            }
        }
        return Set.copyOf(needed);
    }

    private static String stickinessKey(ObjectNode body, String sessionHeader, long promptTokens) {
        String session = text(body.get("session_id"));
        if (session == null && sessionHeader != null && !sessionHeader.isBlank()) {
            session = sessionHeader.trim();
        }
        if (session != null) {
            return "session:" + cut(session);
        }
        String user = text(body.get("user"));
        if (user != null) {
            return "user:" + cut(user);
        }
        return promptTokens >= PREFIX_STICKY_MIN_TOKENS ? "prefix:" + prefixHash(body.path("messages")) : null;
    }

    /**
     * SHA-256 of the first {@link #PREFIX_BYTES} bytes of the messages' roles and text, so two
     * requests that open the same way (system prompt, shared documents) reach the same upstream
     * cache. Only the prefix is read: a long conversation costs no more than a short one.
     */
    private static String prefixHash(JsonNode messages) {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JDK", e);
        }
        int left = PREFIX_BYTES;
        for (JsonNode message : messages) {
            left = feed(sha, message.path("role").asString(""), left);
            JsonNode content = message.get("content");
            if (content != null && content.isString()) {
                left = feed(sha, content.asString(), left);
            } else if (content != null && content.isArray()) {
                for (JsonNode part : content) {
                    left = feed(sha, part.path("text").asString(part.toString()), left);
                }
            }
            if (left <= 0) {
                break;
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    private static int feed(java.security.MessageDigest sha, String text, int left) {
        if (left <= 0) {
            return 0;
        }
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int take = Math.min(left, bytes.length);
        sha.update(bytes, 0, take);
        sha.update((byte) 0);
        return left - take - 1;
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() && !node.asString().isBlank() ? node.asString().trim() : null;
    }

    /** OpenRouter caps session ids at 256 characters; longer ones are cut rather than refused. */
    private static String cut(String key) {
        return key.length() > 256 ? key.substring(0, 256) : key;
    }

    /** Context the request needs: the prompt plus the completion allowance the client asked for. */
    long contextNeeded() {
        return promptTokens + maxTokens;
    }
}
