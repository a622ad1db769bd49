package io.realskin.gateway.keys;

import java.util.List;

/** The answer of a revocation with {@code descendants=true}: the keys it revoked (the ones revoked before are not listed). */
public record RevokedKeysView(List<String> revoked) {
}
