package io.realskin.generation.service;

import io.realskin.contracts.ImageModels;
import io.realskin.generation.provider.ProviderCall;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's references as they leave, per provider: BFL's at most {@code BflImages.MAX_REFERENCE_PIXELS} each (it bills
 * their megapixels), the other providers' at their stored size. Each list is made only when a model of the job's
 * chain goes to such a provider.
 */
final class OutgoingReferences {
    private final List<ProviderCall.Reference> asStored = new ArrayList<>();
    private final List<ProviderCall.Reference> forBfl = new ArrayList<>();

    void add(ProviderCall.Reference asStored, ProviderCall.Reference forBfl) {
        if (asStored != null) {
            this.asStored.add(asStored);
        }
        if (forBfl != null) {
            this.forBfl.add(forBfl);
        }
    }

    List<ProviderCall.Reference> forProvider(String provider) {
        return ImageModels.BFL.equals(provider) ? forBfl : asStored;
    }

    int size() {
        return Math.max(asStored.size(), forBfl.size());
    }
}
