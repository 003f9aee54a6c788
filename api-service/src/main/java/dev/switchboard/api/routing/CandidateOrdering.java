package dev.switchboard.api.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

import dev.switchboard.api.catalog.PriceSheet;

/**
 * Orders one model's usable candidates, writing down why each landed where it did:
 *
 * <ol>
 *   <li>the base order: {@code provider.order} (then the rest, if fallbacks are allowed), else
 *       {@code provider.sort}, else a random draw weighted by 1/price² (OpenRouter's default);</li>
 *   <li>endpoints that miss {@code preferred_min_throughput} / {@code preferred_max_latency} move
 *       after those that meet them;</li>
 *   <li>the sticky endpoint of the request's session moves first, while healthy (default strategy only);</li>
 *   <li>candidates with the organisation's own key (BYOK) move first (not under an explicit order);</li>
 *   <li>endpoints in a significant outage, or with a half-open circuit, move last: fallbacks only.</li>
 * </ol>
 *
 * Every move is a stable partition, so each later rule keeps the order the earlier ones made.
 */
final class CandidateOrdering {

    private static final Comparator<Slot> LOWEST_KEY_FIRST = Comparator.comparingDouble(s -> s.key);
    private static final Comparator<Slot> HIGHEST_KEY_FIRST = LOWEST_KEY_FIRST.reversed();
    private static final Comparator<Slot> CHEAPEST_FIRST = Comparator.comparingDouble(s -> s.price);
    /** Measured endpoints first (lowest key: throughput is negated), then by price. */
    private static final Comparator<Slot> MEASURED_LOWEST_KEY_FIRST = Comparator.comparing((Slot s) -> Double.isNaN(s.key))
            .thenComparing(LOWEST_KEY_FIRST)
            .thenComparing(CHEAPEST_FIRST);

    private final EndpointHealth health;

    CandidateOrdering(EndpointHealth health) {
        this.health = health;
    }

    /**
     * A candidate being placed, with its health read once for the whole decision. Most candidates
     * get one reason (their weight), so the list is only made for a second one.
     */
    static final class Slot {
        final Candidate candidate;
        final double price;
        final BreakerState breaker;
        final boolean outage;
        double key;
        private Placement first;
        private List<Placement> more;

        Slot(Candidate candidate, BreakerState breaker, boolean outage) {
            this.candidate = candidate;
            this.breaker = breaker;
            this.outage = outage;
            PriceSheet prices = candidate.endpoint().prices();
            this.price = prices.prompt().doubleValue() + prices.completion().doubleValue();
        }

        void because(Placement.Kind kind, double value) {
            because(new Placement(kind, value));
        }

        void because(Placement.Kind kind) {
            because(new Placement(kind, 0));
        }

        void because(Placement placement) {
            if (first == null) {
                first = placement;
                return;
            }
            if (more == null) {
                more = new ArrayList<>(3);
                more.add(first);
            }
            more.add(placement);
        }

        RankedCandidate ranked() {
            List<Placement> placements = more != null ? List.copyOf(more) : first != null ? List.of(first) : List.of();
            return new RankedCandidate(candidate, placements);
        }
    }

    /**
     * @param dropped receives the candidates that {@code allow_fallbacks: false} rules out
     * @return the strategy's name
     */
    String order(List<Slot> slots, ProviderPreferences prefs, String stickyEndpointId, RandomGenerator random,
                 List<Exclusion> dropped) {
        String strategy;
        if (!prefs.order().isEmpty()) {
            strategy = "provider.order";
            orderExplicitly(slots, prefs, random, dropped);
        } else if (prefs.sort() != null) {
            strategy = switch (prefs.sort()) {
                case PRICE -> "sort:price";
                case THROUGHPUT -> "sort:throughput";
                case LATENCY -> "sort:latency";
            };
            sort(slots, prefs.sort());
        } else {
            strategy = "price-weighted";
            weightedShuffle(slots, random);
        }
        if (prefs.preferredMinThroughput() != null) {
            moveLast(slots, s -> !prefs.preferredMinThroughput().metAsMinimum(health.throughput(s.candidate.endpoint().id())),
                    Placement.Kind.BELOW_MIN_THROUGHPUT);
        }
        if (prefs.preferredMaxLatency() != null) {
            moveLast(slots, s -> !prefs.preferredMaxLatency().metAsMaximum(health.latency(s.candidate.endpoint().id())),
                    Placement.Kind.ABOVE_MAX_LATENCY);
        }
        boolean balanced = prefs.order().isEmpty() && prefs.sort() == null;
        if (balanced && stickyEndpointId != null) {
            moveFirst(slots, s -> s.candidate.endpoint().id().equals(stickyEndpointId) && healthy(s), Placement.Kind.STICKY);
        }
        if (prefs.order().isEmpty()) {
            moveFirst(slots, s -> s.candidate.credential() == CredentialSource.BYOK, Placement.Kind.BYOK);
            moveLast(slots, s -> s.candidate.credential() == CredentialSource.BYOK_FALLBACK, Placement.Kind.BYOK_FALLBACK);
        }
        moveLast(slots, s -> s.breaker == BreakerState.HALF_OPEN, Placement.Kind.HALF_OPEN);
        moveLast(slots, s -> s.outage, Placement.Kind.OUTAGE);
        if (!prefs.allowFallbacks() && prefs.order().isEmpty()) {
            while (slots.size() > 1) {
                Slot removed = slots.removeLast();
                dropped.add(EndpointFilters.exclusion(removed.candidate.endpoint(), "provider.allow_fallbacks",
                        () -> "allow_fallbacks is false: only the first choice is tried"));
            }
        }
        return strategy;
    }

    private static boolean healthy(Slot slot) {
        return slot.breaker == BreakerState.CLOSED && !slot.outage;
    }

    private void orderExplicitly(List<Slot> slots, ProviderPreferences prefs, RandomGenerator random,
                                 List<Exclusion> dropped) {
        List<Slot> listed = new ArrayList<>();
        List<Slot> rest = new ArrayList<>();
        for (Slot slot : slots) {
            int position = position(prefs.order(), slot);
            if (position >= 0) {
                slot.key = position;
                slot.because(Placement.Kind.ORDER, position);
                listed.add(slot);
            } else {
                rest.add(slot);
            }
        }
        listed.sort(LOWEST_KEY_FIRST);
        if (prefs.allowFallbacks()) {
            if (prefs.sort() != null) {
                sort(rest, prefs.sort());
            } else {
                weightedShuffle(rest, random);
            }
            rest.forEach(s -> s.because(Placement.Kind.NOT_IN_ORDER));
            listed.addAll(rest);
        } else {
            rest.forEach(s -> dropped.add(EndpointFilters.exclusion(s.candidate.endpoint(), "provider.order",
                    () -> "not in provider.order and allow_fallbacks is false")));
        }
        slots.clear();
        slots.addAll(listed);
    }

    private static int position(List<String> order, Slot slot) {
        String slug = slot.candidate.endpoint().provider().slug().toLowerCase(java.util.Locale.ROOT);
        String name = slot.candidate.endpoint().provider().name().toLowerCase(java.util.Locale.ROOT);
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).equals(slug) || order.get(i).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Weighted sampling without replacement (Efraimidis–Spirakis): each candidate draws
     * {@code u^(1/w)} with {@code w = 1/price²}, and the order is by that key, descending. Its first
     * place is distributed exactly as one weighted draw, and each next place as a draw among the
     * rest. Logarithms keep it exact for tiny prices: {@code ln(u)/w = ln(u)·price²}. Free endpoints
     * (price 0, infinite weight) come first, in uniformly random order among themselves.
     */
    static void weightedShuffle(List<Slot> slots, RandomGenerator random) {
        double totalWeight = 0;
        int free = 0;
        for (Slot slot : slots) {
            if (slot.price <= 0) {
                free++;
            } else {
                totalWeight += 1 / (slot.price * slot.price);
            }
        }
        for (Slot slot : slots) {
            double u = random.nextDouble();
            if (slot.price <= 0) {
                slot.key = 1 + u;
                slot.because(Placement.Kind.FREE, free);
            } else {
                slot.key = Math.log(u) * slot.price * slot.price;
                double share = free > 0 ? 0 : (1 / (slot.price * slot.price)) / totalWeight;
                slot.because(Placement.Kind.WEIGHT, share);
            }
        }
        slots.sort(HIGHEST_KEY_FIRST);
    }

    void sort(List<Slot> slots, SortBy by) {
        switch (by) {
            case PRICE -> {
                slots.forEach(s -> s.because(Placement.Kind.PRICE, s.price));
                slots.sort(CHEAPEST_FIRST);
            }
            case THROUGHPUT -> {
                for (Slot s : slots) {
                    Percentiles t = health.throughput(s.candidate.endpoint().id());
                    s.key = t == null ? Double.NaN : -t.p50();
                    s.because(Placement.Kind.THROUGHPUT, t == null ? Double.NaN : t.p50());
                }
                slots.sort(MEASURED_LOWEST_KEY_FIRST);
            }
            case LATENCY -> {
                for (Slot s : slots) {
                    Percentiles l = health.latency(s.candidate.endpoint().id());
                    s.key = l == null ? Double.NaN : l.p50();
                    s.because(Placement.Kind.LATENCY, l == null ? Double.NaN : l.p50());
                }
                slots.sort(MEASURED_LOWEST_KEY_FIRST);
            }
        }
    }

    private static void moveFirst(List<Slot> slots, Predicate<Slot> test, Placement.Kind why) {
        partition(slots, test, why, true);
    }

    private static void moveLast(List<Slot> slots, Predicate<Slot> test, Placement.Kind why) {
        partition(slots, test, why, false);
    }

    /** A stable partition; allocates only when something moves (usually nothing does). */
    private static void partition(List<Slot> slots, Predicate<Slot> test, Placement.Kind why, boolean matchingFirst) {
        boolean any = false;
        for (Slot slot : slots) {
            if (test.test(slot)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return;
        }
        List<Slot> matching = new ArrayList<>();
        List<Slot> others = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            if (test.test(slot)) {
                slot.because(why);
                matching.add(slot);
            } else {
                others.add(slot);
            }
        }
        slots.clear();
        if (matchingFirst) {
            slots.addAll(matching);
            slots.addAll(others);
        } else {
            slots.addAll(others);
            slots.addAll(matching);
        }
    }
}
