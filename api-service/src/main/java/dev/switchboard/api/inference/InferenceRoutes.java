package dev.switchboard.api.inference;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The inference endpoints, under OpenRouter's {@code /api/v1} and OpenAI's (and Anthropic's)
 * {@code /v1}: chat completions, Anthropic Messages and legacy completions share one pipeline;
 * embeddings have their own, and Anthropic's token counting needs no pipeline (nothing is charged).
 */
@Configuration
class InferenceRoutes {

    @Bean
    RouterFunction<ServerResponse> inference(ChatCompletionsHandler chat, MessagesApi messages,
                                             LegacyCompletionsApi completions, EmbeddingsHandler embeddings,
                                             TokenCountHandler tokenCount) {
        return RouterFunctions.route()
                .POST("/api/v1/chat/completions", chat::handle)
                .POST("/v1/chat/completions", chat::handle)
                .POST("/api/v1/messages", request -> chat.serve(request, messages))
                .POST("/v1/messages", request -> chat.serve(request, messages))
                .POST("/api/v1/messages/count_tokens", tokenCount::handle)
                .POST("/v1/messages/count_tokens", tokenCount::handle)
                .POST("/api/v1/completions", request -> chat.serve(request, completions))
                .POST("/v1/completions", request -> chat.serve(request, completions))
                .POST("/api/v1/embeddings", embeddings::handle)
                .POST("/v1/embeddings", embeddings::handle)
                .build();
    }
}
