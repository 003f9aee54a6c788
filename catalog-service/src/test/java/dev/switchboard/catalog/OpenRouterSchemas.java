package dev.switchboard.catalog;

import java.util.Set;

import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** OpenRouter's response schemas (test resource {@code openrouter/listings.schema.json}). */
final class OpenRouterSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private OpenRouterSchemas() {
    }

    /** The violations of {@code json} against the definition {@code name}; empty when it conforms. */
    static Set<ValidationMessage> violations(String name, String json) {
        JsonSchema schema = FACTORY.getSchema(
                SchemaLocation.of("classpath:openrouter/listings.schema.json#/$defs/" + name));
        return schema.validate(json, InputFormat.JSON);
    }
}
