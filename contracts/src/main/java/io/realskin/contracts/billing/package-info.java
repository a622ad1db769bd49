/**
 * billing-service's REST bodies that the gateway sends and reads: one declaration for the caller (the gateway's typed
 * REST client) and the callee (billing's resources), so the two cannot drift. Records carry no billing rules; billing
 * checks their values where it reads them. {@link io.realskin.contracts.billing.BillingExamples} holds the examples both
 * OpenAPI documents show.
 */
package io.realskin.contracts.billing;
