package io.realskin.gateway.common;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Units in use at once per key (an API key's streams, a tenant's waits or body KiB, a webhook endpoint's
 * attempts), at most {@code perKey} each. Thread-safe; a key whose count drops to zero is forgotten.
 */
public final class CountedSlots {
    private final int perKey;
    private final Map<String, Integer> inUse = new ConcurrentHashMap<>();

    public CountedSlots(int perKey) {
        this.perKey = perKey;
    }

    public int perKey() {
        return perKey;
    }

    /** Takes one of the key's slots; false when all are in use. */
    public boolean tryTake(String key) {
        return tryTake(key, 1);
    }

    /** Takes {@code units} of the key's slots, all or none; false when fewer are free. */
    public boolean tryTake(String key, int units) {
        boolean[] taken = {false};
        inUse.compute(key, (k, used) -> {
            int now = used == null ? 0 : used;
            if (now + (long) units > perKey) {
                return used;
            }
            taken[0] = true;
            return now + units;
        });
        return taken[0];
    }

    /** Gives back one slot the key took. */
    public void release(String key) {
        release(key, 1);
    }

    /** Gives back {@code units} slots the key took. */
    public void release(String key, int units) {
        inUse.computeIfPresent(key, (k, used) -> used <= units ? null : used - units);
    }

    /** Slots in use over every key. */
    public int total() {
        return inUse.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Keys whose slots are all in use now. */
    public Set<String> full() {
        return inUse.entrySet().stream().filter(e -> e.getValue() >= perKey).map(Map.Entry::getKey).collect(Collectors.toSet());
    }
}
