/**
 * prompt-service's REST bodies, its wire enums and its examples: one declaration for the callee (prompt-service's
 * resources answer these records) and the caller (the gateway's typed client reads them and passes them on). The
 * {@code @Schema} annotations describe prompt-service's own OpenAPI document; prompt-service indexes this module for it.
 */
package io.realskin.contracts.prompt;
