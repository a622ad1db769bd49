/**
 * texture-service's REST answers that the gateway reads: one declaration for the callee (texture-service's preview
 * resource writes it) and the caller (the gateway's typed REST client reads it and passes it on), so the two cannot
 * drift.
 */
package io.realskin.contracts.texture;
