package dev.switchboard.api.routing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.switchboard.api.catalog.CatalogView;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The default split over many draws matches OpenRouter's 1/price² weighting.
 *
 * <p>Four endpoints at 1, 2, 3 and 4 µUSD per token have weights 1, 1/4, 1/9, 1/16, so the first
 * choice should fall on them 70.2%, 17.6%, 7.8% and 4.4% of the time. Over 100,000 seeded draws
 * the test holds two bounds: Pearson's chi-square against those shares stays below 16.27 (3
 * degrees of freedom, p = 0.001), and every share is within 0.5 percentage points (more than 3
 * standard deviations of the largest bucket, 0.145 points). The second place, given the first,
 * must follow the weights of the remaining endpoints (sampling without replacement).
 */
class PriceWeightedSplitTest {

    private static final int DRAWS = 100_000;
    private static final double CHI_SQUARE_CRITICAL_3DF_P001 = 16.266;
    private static final double SHARE_TOLERANCE = 0.005;

    @Test
    void theFirstChoiceFollowsInversePriceSquared() {
        CatalogView view = RoutePlannerTest.fourProviders().view();
        EndpointHealth health = new EndpointHealth(RoutingProperties.DEFAULTS);
        RoutePlanner planner = new RoutePlanner(() -> view, RoutePlannerTest.PLATFORM, health, new SplittableRandom(20261123));
        RoutingRequest request = RoutePlannerTest.request(RoutePlannerTest.chat(""));

        Map<String, Integer> first = new HashMap<>();
        int firstA = 0;
        int secondBAfterA = 0;
        for (int i = 0; i < DRAWS; i++) {
            List<String> order = RoutePlannerTest.endpoints(planner.plan(request, null));
            first.merge(order.get(0), 1, Integer::sum);
            if (order.get(0).equals("ep-a")) {
                firstA++;
                if (order.get(1).equals("ep-b")) {
                    secondBAfterA++;
                }
            }
        }

        double[] weights = {1.0, 1.0 / 4, 1.0 / 9, 1.0 / 16};
        String[] ids = {"ep-a", "ep-b", "ep-c", "ep-d"};
        double total = weights[0] + weights[1] + weights[2] + weights[3];
        double chiSquare = 0;
        for (int i = 0; i < ids.length; i++) {
            double expected = DRAWS * weights[i] / total;
            int observed = first.getOrDefault(ids[i], 0);
            chiSquare += (observed - expected) * (observed - expected) / expected;
            assertThat((double) observed / DRAWS).as("share of %s", ids[i]).isCloseTo(weights[i] / total, within(SHARE_TOLERANCE));
        }
        assertThat(chiSquare).as("chi-square, 3 degrees of freedom").isLessThan(CHI_SQUARE_CRITICAL_3DF_P001);

        double bAmongRest = weights[1] / (weights[1] + weights[2] + weights[3]);
        assertThat((double) secondBAfterA / firstA).as("second place b, given a first").isCloseTo(bAmongRest, within(0.01));
    }
}
