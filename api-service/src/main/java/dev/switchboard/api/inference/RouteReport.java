package dev.switchboard.api.inference;

import java.util.List;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

import dev.switchboard.api.routing.Candidate;
import dev.switchboard.api.routing.Exclusion;
import dev.switchboard.api.routing.RankedCandidate;
import dev.switchboard.api.routing.Route;

/**
 * Tells what routing did for one request, in two sizes: the full account stored on the generation
 * record ({@code provider_responses[]} and {@code routing}: candidates with the reasons for their
 * places, exclusions with their filters, which attempt served) and a compact response header
 * ({@link #HEADER}).
 */
@Component
class RouteReport {

    static final String HEADER = "X-Switchboard-Route";

    private final ObjectMapper json;

    RouteReport(ObjectMapper json) {
        this.json = json;
    }

    /** {@code {"provider_responses": […], "routing": {…}}}, as stored with the usage event. */
    ObjectNode full(Plan plan, GenerationMeter meter) {
        ObjectNode report = json.createObjectNode();
        List<ProviderResponse> attempts = meter.attempts();
        ArrayNode responses = report.putArray("provider_responses");
        for (ProviderResponse attempt : attempts) {
            Candidate c = attempt.candidate();
            ObjectNode r = responses.addObject();
            r.put("endpoint_id", c.endpoint().id());
            r.put("provider_name", c.endpoint().provider().name());
            r.put("provider", c.endpoint().provider().slug());
            r.put("model_permaslug", c.modelId());
            r.put("status", attempt.status());
            r.put("latency", attempt.latencyMs());
            r.put("is_byok", c.byok());
            if (attempt.error() != null) {
                r.put("error", attempt.error());
            }
        }
        ObjectNode routing = report.putObject("routing");
        ArrayNode strategy = routing.putArray("strategy");
        plan.route().strategy().forEach(strategy::add);
        ArrayNode candidates = routing.putArray("candidates");
        int position = 1;
        for (RankedCandidate ranked : plan.route().ranked()) {
            ObjectNode node = candidates.addObject();
            node.put("position", position++);
            node.put("model", ranked.candidate().modelId());
            node.put("endpoint", ranked.candidate().endpoint().id());
            node.put("provider", ranked.candidate().endpoint().provider().slug());
            node.put("credential", ranked.candidate().credential().name().toLowerCase(java.util.Locale.ROOT));
            ArrayNode why = node.putArray("why");
            ranked.why().forEach(why::add);
        }
        ArrayNode excluded = routing.putArray("excluded");
        for (Exclusion e : plan.route().excluded()) {
            ObjectNode node = excluded.addObject();
            node.put("model", e.model());
            node.put("endpoint", e.endpoint());
            node.put("provider", e.provider());
            node.put("filter", e.filter());
            node.put("reason", e.reason());
        }
        Candidate served = meter.servedBy();
        if (served != null) {
            ObjectNode servedBy = routing.putObject("served_by");
            servedBy.put("attempt", servingAttempt(attempts, served));
            servedBy.put("endpoint", served.endpoint().id());
            servedBy.put("provider", served.endpoint().provider().slug());
            servedBy.put("model", served.modelId());
        }
        return report;
    }

    /**
     * The compact form: {@code served=<provider>/<endpoint>; attempt=N; tried=<endpoint>:<status>,…;
     * candidates=N; excluded=N; strategy=<per model, joined by |>}. ASCII only, a few hundred bytes at most.
     */
    String compact(Plan plan, GenerationMeter meter) {
        List<ProviderResponse> attempts = meter.attempts();
        StringBuilder header = new StringBuilder(128);
        Candidate served = meter.servedBy();
        if (served != null) {
            header.append("served=").append(served.endpoint().provider().slug()).append('/').append(served.endpoint().id())
                    .append("; attempt=").append(servingAttempt(attempts, served)).append("; ");
        }
        header.append("tried=");
        for (int i = 0; i < attempts.size(); i++) {
            ProviderResponse a = attempts.get(i);
            header.append(i == 0 ? "" : ",").append(a.candidate().endpoint().id()).append(':').append(a.status());
        }
        header.append("; candidates=").append(plan.route().size())
                .append("; excluded=").append(plan.route().excluded().size())
                .append("; strategy=");
        List<String> strategies = plan.route().strategy();
        for (int i = 0; i < strategies.size(); i++) {
            String perModel = strategies.get(i);
            header.append(i == 0 ? "" : "|").append(perModel.substring(perModel.lastIndexOf(": ") + 2));
        }
        return printableAscii(header);
    }

    /**
     * Each code point outside printable ASCII becomes one {@code ?}, as the regex
     * {@code [^\x20-\x7e]} did: a loop, because it runs on every response.
     */
    private static String printableAscii(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = Character.codePointAt(text, i);
            out.append(c >= 0x20 && c <= 0x7e ? (char) c : '?');
            i += Character.charCount(c);
        }
        return out.toString();
    }

    private static int servingAttempt(List<ProviderResponse> attempts, Candidate served) {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            if (attempts.get(i).candidate() == served) {
                return i + 1;
            }
        }
        return attempts.size();
    }
}
