package io.realskin.billing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.realskin.local.LocalStackResource;
import io.restassured.path.json.JsonPath;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Quarkus' own Kafka check (its admin client waits a minute for a broker that does not answer) was switched off by
 * service-support's library config, by its class name: a service that turned it on in its own settings (or a Quarkus
 * that renamed the class) had it back beside KafkaReadiness. Now it is never built, so that setting changes nothing.
 */
@QuarkusTest
@TestProfile(QuarkusKafkaCheckOnTest.CheckTurnedOn.class)
@QuarkusTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = "database", value = "billing"))
class QuarkusKafkaCheckOnTest {
    @TestHTTPResource(value = "/health/ready", management = true)
    URL ready;

    public static class CheckTurnedOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.smallrye-health.check.\"io.quarkus.kafka.client.health.KafkaHealthCheck\".enabled", "true");
        }
    }

    @Test
    void readinessHasOneKafkaCheckWhateverTheServiceSetsForQuarkusOwn() {
        String answer = given().get(ready).then().statusCode(200).extract().asString();
        List<String> kafka = JsonPath.from(answer).getList("checks.name.findAll { it.toLowerCase().contains('kafka connection') }");
        assertEquals(List.of("Kafka connection"), kafka, answer);
    }
}
