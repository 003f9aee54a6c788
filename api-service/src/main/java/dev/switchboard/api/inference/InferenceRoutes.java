package dev.switchboard.api.inference;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** The inference endpoints, under OpenRouter's {@code /api/v1} and OpenAI's {@code /v1}. */
@Configuration
class InferenceRoutes {

    @Bean
    RouterFunction<ServerResponse> inference(ChatCompletionsHandler chat) {
        return RouterFunctions.route()
                .POST("/api/v1/chat/completions", chat::handle)
                .POST("/v1/chat/completions", chat::handle)
                .build();
    }
}
