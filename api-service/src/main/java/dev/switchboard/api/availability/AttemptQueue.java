package dev.switchboard.api.availability;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;

import dev.switchboard.contracts.catalog.AttemptOutcome;

/**
 * Attempts waiting to be sent, bounded. Adding never blocks and never fails: when the queue is
 * full the oldest attempt is dropped and counted, because the newest attempts say more about an
 * endpoint's health now, and a request must never wait for availability bookkeeping. The size is
 * kept beside the lock-free queue, so it may briefly overshoot by the number of concurrent adders.
 */
final class AttemptQueue {

    private final ConcurrentLinkedQueue<AttemptOutcome> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private final Counter droppedOldest;

    AttemptQueue(int capacity, Counter droppedOldest) {
        this.capacity = capacity;
        this.droppedOldest = droppedOldest;
    }

    /** Queues the attempt; returns the size after adding, so the caller can tell a full batch. */
    int add(AttemptOutcome attempt) {
        queue.offer(attempt);
        int after = size.incrementAndGet();
        if (after > capacity && queue.poll() != null) {
            after = size.decrementAndGet();
            droppedOldest.increment();
        }
        return after;
    }

    /**
     * Takes what is queued now, oldest first, in batches of at most {@code batchSize}. Attempts
     * added meanwhile wait for the next drain, so a steady stream of requests cannot keep it going.
     */
    List<List<AttemptOutcome>> drain(int batchSize) {
        List<List<AttemptOutcome>> batches = new ArrayList<>();
        List<AttemptOutcome> batch = new ArrayList<>(batchSize);
        AttemptOutcome next;
        for (int left = size.get(); left > 0 && (next = queue.poll()) != null; left--) {
            size.decrementAndGet();
            batch.add(next);
            if (batch.size() == batchSize) {
                batches.add(batch);
                batch = new ArrayList<>(batchSize);
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    int size() {
        return size.get();
    }
}
