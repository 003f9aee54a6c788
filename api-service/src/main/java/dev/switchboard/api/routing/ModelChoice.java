package dev.switchboard.api.routing;

/**
 * One entry of the request's model list: what the client wrote, the catalogued model it names and
 * the routing variant its suffix asks for. A catalogued id that itself ends in {@code :free} is a
 * model of its own and is taken as written.
 */
public record ModelChoice(String requested, String modelId, Variant variant) {

    static ModelChoice parse(String requested) {
        int colon = requested.lastIndexOf(':');
        if (colon > 0 && colon < requested.length() - 1) {
            Variant variant = Variant.ofSuffix(requested.substring(colon + 1));
            if (variant != null) {
                return new ModelChoice(requested, requested.substring(0, colon), variant);
            }
        }
        return new ModelChoice(requested, requested, Variant.NONE);
    }

    /** The same id without a variant, for a catalog that lists the suffixed id as its own model. */
    ModelChoice asWritten() {
        return new ModelChoice(requested, requested, Variant.NONE);
    }
}
