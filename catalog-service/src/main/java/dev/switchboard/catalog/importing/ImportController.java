package dev.switchboard.catalog.importing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.switchboard.catalog.error.CatalogException;
import dev.switchboard.catalog.snapshot.SnapshotStore;

/**
 * {@code POST /internal/catalog/import?format=openrouter|litellm}: validate the whole file, apply it
 * in one transaction, then rebuild and announce the snapshot. A refused file changes nothing.
 */
@RestController
class ImportController {

    /** LiteLLM's full catalog is about 1.5 MB; this leaves room while bounding what one request may hold. */
    private static final int MAX_FILE_BYTES = 32 * 1024 * 1024;

    private final CatalogImporter importer;
    private final SnapshotStore snapshots;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    ImportController(CatalogImporter importer, SnapshotStore snapshots, ObjectMapper json) {
        this.importer = importer;
        this.snapshots = snapshots;
        this.json = json;
    }

    @PostMapping("/internal/catalog/import")
    Mono<ImportResult> importFile(@RequestParam String format, @RequestBody Flux<DataBuffer> body) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Mono.fromSupplier(() -> formatOf(format))
                .zipWith(fileBytes(body))
                .map(request -> read(request.getT1(), parse(request.getT2()), now))
                .flatMap(file -> importer.apply(format, file, now))
                .flatMap(this::withNewVersion);
    }

    private static String formatOf(String format) {
        if (!format.equals("openrouter") && !format.equals("litellm")) {
            throw new CatalogException(400, "format must be 'openrouter' or 'litellm'", Map.of("field", "format"));
        }
        return format;
    }

    private static Mono<byte[]> fileBytes(Flux<DataBuffer> body) {
        return DataBufferUtils.join(body, MAX_FILE_BYTES)
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .switchIfEmpty(Mono.error(() -> CatalogException.badRequest("the catalog file is empty")))
                .onErrorMap(DataBufferLimitException.class, e -> new CatalogException(413,
                        "the catalog file is larger than " + MAX_FILE_BYTES + " bytes", Map.of()));
    }

    /** Floats are read as BigDecimal from their text, so a LiteLLM price such as 1.5e-07 stays exact. */
    private JsonNode parse(byte[] bytes) {
        try {
            return json.reader(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).readTree(bytes);
        } catch (JacksonException e) {
            throw new CatalogException(400, "the catalog file is not valid JSON: " + e.getOriginalMessage(),
                    Map.of("entry", "(file)"));
        }
    }

    private static CatalogImport read(String format, JsonNode root, Instant now) {
        return format.equals("openrouter") ? OpenRouterFile.read(root) : LiteLlmFile.read(root, now);
    }

    private Mono<ImportResult> withNewVersion(ImportResult applied) {
        return snapshots.refresh()
                .map(catalog -> new ImportResult(applied.format(), applied.models(), applied.endpoints(),
                        applied.pricesChanged(), applied.skipped(), catalog.version()));
    }
}
