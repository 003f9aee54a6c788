package dev.switchboard.api.routing;

/** An endpoint's circuit as routing sees it. */
public enum BreakerState {
    /** Serving normally. */
    CLOSED,
    /** Ejected after consecutive failures, until its back-off ends. */
    OPEN,
    /** Back-off over: one probe request may pass; its outcome closes or reopens the circuit. */
    HALF_OPEN
}
