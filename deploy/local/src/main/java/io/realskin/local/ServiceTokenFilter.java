package io.realskin.local;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * For a backend's tests: every RestAssured request that has no {@code Authorization} header gets a fresh service
 * token of the JVM's key pair ({@link ServiceKeys#shared()}), as if the gateway called for {@code tenantId} with
 * {@code scope}. Install it with {@code RestAssured.replaceFiltersWith(new ServiceTokenFilter(...))}.
 */
public final class ServiceTokenFilter implements Filter {
    private final String audience;
    private final String tenantId;
    private final String scope;

    public ServiceTokenFilter(String audience, String tenantId, String scope) {
        this.audience = audience;
        this.tenantId = tenantId;
        this.scope = scope;
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext context) {
        if (!request.getHeaders().hasHeaderWithName("Authorization")) {
            request.header("Authorization", ServiceKeys.shared().bearer(audience, tenantId, scope));
        }
        return context.next(request, response);
    }
}
