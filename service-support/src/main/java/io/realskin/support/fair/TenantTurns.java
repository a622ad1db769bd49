package io.realskin.support.fair;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Waiting items served by tenant in turn, each tenant's in arrival order: the next is the oldest item of the tenant
 * that has waited since longest without being served, who then goes to the back. So one tenant's hundred items delay
 * another tenant's item by one turn, not by all of them (a plain FIFO queue would serve the hundred first). Not
 * thread-safe: its owner's lock guards it (generation's bulkhead and lanes, the texture worker pool).
 */
public final class TenantTurns<T> {
    /** Tenants with waiting items, in turn order; each tenant's items oldest first. */
    private final LinkedHashMap<String, ArrayDeque<T>> byTenant = new LinkedHashMap<>();
    private int size;

    public void add(String tenant, T item) {
        byTenant.computeIfAbsent(tenant, t -> new ArrayDeque<>()).add(item);
        size++;
    }

    /** The item whose turn it is, or null when none waits. */
    public T peek() {
        Iterator<ArrayDeque<T>> turns = byTenant.values().iterator();
        return turns.hasNext() ? turns.next().peek() : null;
    }

    /** Removes and returns the item whose turn it is (null when none waits); its tenant goes to the back. */
    public T poll() {
        Iterator<Map.Entry<String, ArrayDeque<T>>> turns = byTenant.entrySet().iterator();
        if (!turns.hasNext()) {
            return null;
        }
        Map.Entry<String, ArrayDeque<T>> turn = turns.next();
        turns.remove();
        T item = turn.getValue().poll();
        if (!turn.getValue().isEmpty()) {
            byTenant.put(turn.getKey(), turn.getValue());
        }
        size--;
        return item;
    }

    /** Removes one waiting item of {@code tenant} (one that gave up); its tenant keeps its place in turn. */
    public void remove(String tenant, T item) {
        ArrayDeque<T> items = byTenant.get(tenant);
        if (items != null && items.remove(item)) {
            size--;
            if (items.isEmpty()) {
                byTenant.remove(tenant);
            }
        }
    }

    /** Removes every waiting item that matches, returning them; the tenants keep their places in turn. */
    public List<T> removeIf(Predicate<? super T> match) {
        List<T> removed = new ArrayList<>();
        Iterator<ArrayDeque<T>> turns = byTenant.values().iterator();
        while (turns.hasNext()) {
            ArrayDeque<T> items = turns.next();
            items.removeIf(item -> match.test(item) && removed.add(item));
            if (items.isEmpty()) {
                turns.remove();
            }
        }
        size -= removed.size();
        return removed;
    }

    /** Each waiting tenant's oldest item, in turn order: the oldest item of all is one of them. */
    public Stream<T> oldestOfEachTenant() {
        return byTenant.values().stream().map(ArrayDeque::peek);
    }

    public int size() {
        return size;
    }

    /** Items of {@code tenant} waiting now. */
    public int size(String tenant) {
        ArrayDeque<T> items = byTenant.get(tenant);
        return items == null ? 0 : items.size();
    }

    public boolean isEmpty() {
        return size == 0;
    }
}
