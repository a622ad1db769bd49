package io.realskin.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractSchemasTest {

    @Test
    void everyTopicWithAValueHasASchema() {
        for (String topic : Topics.WITH_SCHEMA) {
            assertFalse(ContractSchemas.violations(topic, "{}").isEmpty(), topic + ": an empty object must not pass");
        }
    }

    @Test
    void aValueWithTextAfterItIsNoRecord() {
        String value = EventJson.write(EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", "job-1",
                new TextureRequest(TextureOperation.LOCAL, "images/a.png", "images/m.png", null, null, 40, 7L)));
        assertEquals(List.of(), ContractSchemas.violations(Topics.TEXTURE_REQUESTS, value));
        for (String tail : new String[] {"]]garbage", " {}", "x"}) {
            assertFalse(ContractSchemas.violations(Topics.TEXTURE_REQUESTS, value + tail).isEmpty(), tail);
            assertThrows(ContractViolation.class, () -> ContractSchemas.readValid(Topics.TEXTURE_REQUESTS, value + tail, TextureRequest.class));
            assertThrows(ContractViolation.class, () -> EventJson.readEnvelope(value + tail));
        }
        assertEquals(List.of(), ContractSchemas.violations(Topics.TEXTURE_REQUESTS, value + " \n"), "white space after it is no text");
    }

    @Test
    void acceptsWhatTheRecordsWrite() {
        var request = EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", "job-1",
                new TextureRequest(TextureOperation.LOCAL, "images/a.png", "images/m.png", null, null, 40, 7L));
        assertEquals(List.of(), ContractSchemas.violations(Topics.TEXTURE_REQUESTS, request));

        var completed = EventEnvelope.of(EventTypes.COMPLETED, "t1", "job-1", new JobCompleted("results/x.jpg", "image/jpeg",
                1000, 1000, 0.8, 0.3, new JobCompleted.Usage(JobTypes.TEXTURE_RESTORE, null, 1.0, null), null));
        assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, completed));

        var generation = EventEnvelope.of(EventTypes.GENERATION_REQUESTED, "t1", "job-2", new GenerationRequest("a portrait", null,
                "flux-2-pro", List.of(new GenerationRequest.ReferenceImage("images/r.jpg", 0.5)), null, null, 1024, 1024, null, null, true));
        assertEquals(List.of(), ContractSchemas.violations(Topics.GENERATION_REQUESTS, generation));
        var lossless = EventEnvelope.of(EventTypes.GENERATION_REQUESTED, "t1", "job-2", new GenerationRequest("a portrait", null,
                "flux-2-pro", null, null, null, null, null, null, GenerationRequest.PNG, null));
        assertEquals(List.of(), ContractSchemas.violations(Topics.GENERATION_REQUESTS, lossless));

        var debited = EventEnvelope.of(EventTypes.DEBITED, "t1", "job-1", new BillingEvent(5, 95, "texture-restore"));
        assertEquals(List.of(), ContractSchemas.violations(Topics.BILLING_EVENTS, debited));
    }

    /** Billing prices every job type, so a COMPLETED may report any of them (a source-restore's was refused until 2026-12-06). */
    @Test
    void aCompletionMayReportTheUsageOfEveryJobType() {
        for (String operation : JobTypes.ALL) {
            var completed = EventEnvelope.of(EventTypes.COMPLETED, "t1", "job-1", new JobCompleted("results/x.png", "image/png",
                    2000, 2000, null, null, new JobCompleted.Usage(operation, null, 4.0, null), null));
            assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, completed), operation);
        }
    }

    @Test
    void acceptsWhatGenerationServiceWrites() {
        var completed = EventEnvelope.of(EventTypes.COMPLETED, "t1", "job-3", new JobCompleted("generated/t1/x.png", "image/png",
                2048, 1152, null, null, new JobCompleted.Usage(JobTypes.GENERATE, "gpt-image-2", 2.359296, null, ImageModels.OPENAI,
                "req_7f3a9"), null));
        assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, completed));
        var inpainted = EventEnvelope.of(EventTypes.COMPLETED, "t1", "job-4", new JobCompleted("generated/t1/y.png", "image/png",
                1000, 1000, null, null, new JobCompleted.Usage(JobTypes.SKIN_INPAINT, "flux-pro-fill", 1.0, 0.12, ImageModels.BFL,
                "0b8e2c1d-task"), null));
        assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, inpainted));
        var fallback = EventEnvelope.of(EventTypes.PROGRESS, "t1", "job-3", new JobProgress("fallback", 10,
                "nano-banana-pro: provider_unavailable; trying gpt-image-2"));
        assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, fallback));
        for (String code : List.of(FailureCodes.PROVIDER_AUTH, FailureCodes.PROVIDER_QUOTA, FailureCodes.PROVIDER_REJECTED,
                FailureCodes.CONTENT_MODERATED, FailureCodes.PROVIDER_UNAVAILABLE, FailureCodes.PROVIDER_NOT_CONFIGURED,
                FailureCodes.CONSENT_REQUIRED, FailureCodes.PROVIDER_MODEL_MISSING)) {
            var failed = EventEnvelope.of(EventTypes.FAILED, "t1", "job-5", new JobFailed(code, "x"));
            assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, failed), code);
        }
        var read = EventJson.readEnvelope(EventJson.write(completed)).payloadAs(JobCompleted.class).usage();
        assertEquals("req_7f3a9", read.providerRequestId());
        assertEquals(ImageModels.OPENAI, read.provider());
    }

    @Test
    void aUsageWithoutProviderIsWrittenAsBefore() {
        String json = EventJson.write(new JobCompleted.Usage(JobTypes.TEXTURE_RESTORE, null, 1.0, null));
        assertEquals("{\"operation\":\"texture-restore\",\"megapixels\":1.0}", json);
        assertEquals(new JobProgress("encode", 90), EventJson.MAPPER.convertValue(
                EventJson.MAPPER.createObjectNode().put("stage", "encode").put("percent", 90), JobProgress.class));
    }

    @Test
    void refusesBrokenPayloads() {
        var localWithoutMask = EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", "job-1",
                new TextureRequest(TextureOperation.LOCAL, "images/a.png", null, null, null, 40, null));
        assertFalse(ContractSchemas.violations(Topics.TEXTURE_REQUESTS, localWithoutMask).isEmpty());

        var tooIntense = EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", "job-1",
                new TextureRequest(TextureOperation.RESTORE, "images/a.png", null, null, null, 101, null));
        assertFalse(ContractSchemas.violations(Topics.TEXTURE_REQUESTS, tooIntense).isEmpty());

        var unknownCode = EventEnvelope.of(EventTypes.FAILED, "t1", "job-1", new JobFailed("oops", "x"));
        assertFalse(ContractSchemas.violations(Topics.JOB_EVENTS, unknownCode).isEmpty());

        var heavyReference = EventEnvelope.of(EventTypes.GENERATION_REQUESTED, "t1", "job-2", new GenerationRequest("p", null,
                "m", List.of(new GenerationRequest.ReferenceImage("images/r.jpg", 0.9)), null, null, null, null, null));
        assertFalse(ContractSchemas.violations(Topics.GENERATION_REQUESTS, heavyReference).isEmpty());
        var gif = EventEnvelope.of(EventTypes.GENERATION_REQUESTED, "t1", "job-2", new GenerationRequest("p", null, "m", null,
                null, null, null, null, null, "gif", null));
        assertFalse(ContractSchemas.violations(Topics.GENERATION_REQUESTS, gif).isEmpty());
        ObjectNode consentAsText = EventJson.MAPPER.valueToTree(EventEnvelope.of(EventTypes.GENERATION_REQUESTED, "t1", "job-2",
                new GenerationRequest("p", null, "m", List.of(new GenerationRequest.ReferenceImage("images/r.jpg", 0.5)), null, null,
                        null, null, null, null, true)));
        ((ObjectNode) consentAsText.get("payload")).put("consent", "yes");
        assertFalse(ContractSchemas.violations(Topics.GENERATION_REQUESTS, consentAsText).isEmpty(), "consent is a yes or no");

        ObjectNode wrongType = EventJson.MAPPER.valueToTree(EventEnvelope.of(EventTypes.COMPLETED, "t1", "j", new JobStarted("w")));
        assertFalse(ContractSchemas.violations(Topics.JOB_EVENTS, wrongType).isEmpty(), "COMPLETED needs its payload");
        assertFalse(ContractSchemas.violations(Topics.JOB_EVENTS, "not json").isEmpty());
    }

    @Test
    void readValidReturnsTheEnvelopeOrSaysEverythingWrong() {
        var request = EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", "job-1",
                new TextureRequest(TextureOperation.RESTORE, "images/a.png", null, null, null, 40, null));
        assertEquals(request, ContractSchemas.readValid(Topics.TEXTURE_REQUESTS, EventJson.write(request), TextureRequest.class));
        ContractViolation garbage = assertThrows(ContractViolation.class,
                () -> ContractSchemas.readValid(Topics.TEXTURE_REQUESTS, "garbage", TextureRequest.class));
        assertTrue(garbage.getMessage().startsWith("not JSON"), garbage.getMessage());
        assertThrows(ContractViolation.class, () -> ContractSchemas.readValid(Topics.TEXTURE_REQUESTS, null, TextureRequest.class));
        String tooIntense = EventJson.write(EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", "job-1",
                new TextureRequest(TextureOperation.RESTORE, "images/a.png", null, null, null, 101, null)));
        assertThrows(ContractViolation.class, () -> ContractSchemas.readValid(Topics.TEXTURE_REQUESTS, tooIntense, TextureRequest.class));
    }

    @Test
    void sourceRestoreTakesUpscaleOneOrTwoAndDenoiseAutoOrOff() {
        var ok = EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", "job-2",
                new TextureRequest(TextureOperation.SOURCE_RESTORE, "images/a.jpg", null, null, null, null, null, 2, "off"));
        assertEquals(ok, ContractSchemas.readValid(Topics.TEXTURE_REQUESTS, EventJson.write(ok), TextureRequest.class));
        for (TextureRequest bad : new TextureRequest[] {
            new TextureRequest(TextureOperation.SOURCE_RESTORE, "images/a.jpg", null, null, null, null, null, 3, null),
            new TextureRequest(TextureOperation.SOURCE_RESTORE, "images/a.jpg", null, null, null, null, null, null, "strong")}) {
            String json = EventJson.write(EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", "job-3", bad));
            assertThrows(ContractViolation.class, () -> ContractSchemas.readValid(Topics.TEXTURE_REQUESTS, json, TextureRequest.class));
        }
    }

    @Test
    void autoIntensityIsABooleanOfTheRequest() {
        var auto = EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", "job-2", new TextureRequest(TextureOperation.RESTORE,
                "images/a.jpg", null, null, null, null, null, null, null, true));
        TextureRequest read = ContractSchemas.readValid(Topics.TEXTURE_REQUESTS, EventJson.write(auto), TextureRequest.class)
                .payloadAs(TextureRequest.class);
        assertTrue(read.autoIntensityOrDefault());
        ObjectNode yes = EventJson.MAPPER.valueToTree(auto);
        ((ObjectNode) yes.get("payload")).put("autoIntensity", "yes");
        assertFalse(ContractSchemas.violations(Topics.TEXTURE_REQUESTS, yes).isEmpty());
    }

    @Test
    void aRestoresOutputFormatIsJpegOrPngOrTheInputs() {
        var png = EventEnvelope.of(EventTypes.TEXTURE_REQUESTED, "t1", "job-2", new TextureRequest(TextureOperation.RESTORE,
                "images/a.jpg", null, null, null, 40, null, null, null, null, TextureRequest.PNG));
        assertEquals(TextureRequest.PNG, ContractSchemas.readValid(Topics.TEXTURE_REQUESTS, EventJson.write(png), TextureRequest.class)
                .payloadAs(TextureRequest.class).outputFormat());
        ObjectNode gif = EventJson.MAPPER.valueToTree(png);
        ((ObjectNode) gif.get("payload")).put("outputFormat", "gif");
        assertFalse(ContractSchemas.violations(Topics.TEXTURE_REQUESTS, gif).isEmpty());
        ((ObjectNode) gif.get("payload")).putNull("outputFormat");
        assertTrue(ContractSchemas.violations(Topics.TEXTURE_REQUESTS, gif).isEmpty(), "null: the input's format");
    }

    @Test
    void aRestoreCompletionCarriesItsFaceReportsAndLocalityReceipt() {
        String sha = "ab".repeat(32);
        ObjectNode faces = EventJson.MAPPER.createObjectNode();
        faces.putArray("list").addObject().put("intensity", 37).put("target", 0.021).put("before", 0.004).put("after", 0.02)
                .putNull("skipped").putArray("box").add(10).add(20).add(300).add(310);
        ObjectNode locality = EventJson.MAPPER.createObjectNode().put("changedPixels", 51234)
                .put("layoutBefore", "rgb8").put("sha256Before", sha).put("layoutAfter", "rgb8").put("sha256After", sha)
                .put("identical", true);
        locality.putArray("boxes").addArray().add(0).add(16).add(336).add(352);
        var completed = EventEnvelope.of(EventTypes.COMPLETED, "t1", "job-1", new JobCompleted("results/x.jpg", "image/jpeg",
                1000, 1000, 0.8, 0.3, new JobCompleted.Usage(JobTypes.TEXTURE_RESTORE, null, 1.0, null), null,
                faces.get("list"), locality));
        assertEquals(List.of(), ContractSchemas.violations(Topics.JOB_EVENTS, completed));
        locality.put("sha256After", "not-a-hash");
        var broken = EventEnvelope.of(EventTypes.COMPLETED, "t1", "job-1", new JobCompleted("results/x.jpg", "image/jpeg",
                1000, 1000, 0.8, 0.3, new JobCompleted.Usage(JobTypes.TEXTURE_RESTORE, null, 1.0, null), null,
                faces.get("list"), locality));
        assertFalse(ContractSchemas.violations(Topics.JOB_EVENTS, broken).isEmpty());
    }

    @Test
    void envelopeRoundTripsThroughItsJson() {
        var event = EventEnvelope.of(EventTypes.FAILED, "t1", "job-9", new JobFailed(FailureCodes.BLOB_MISSING, "no such blob"));
        EventEnvelope back = EventJson.readEnvelope(EventJson.write(event));
        assertEquals(event, back);
        assertEquals(FailureCodes.BLOB_MISSING, back.payloadAs(JobFailed.class).code());
    }

    @Test
    void poisonIsAContractViolation() {
        assertThrows(ContractViolation.class, () -> EventJson.readEnvelope("garbage"));
        assertThrows(ContractViolation.class, () -> EventJson.readEnvelope("{\"type\":\"COMPLETED\"}"));
        assertThrows(ContractViolation.class, () -> EventJson.readEnvelope((String) null));
    }

    @Test
    void apiKeysCarryAnOfflineChecksum() {
        String key = ApiKeys.generate(true);
        assertTrue(key.startsWith("rsk_live_"));
        assertEquals("rsk_live_".length() + 38, key.length());
        assertTrue(ApiKeys.isWellFormed(key));
        char last = key.charAt(key.length() - 1);
        String tampered = key.substring(0, key.length() - 1) + (last == 'a' ? 'b' : 'a');
        assertFalse(ApiKeys.isWellFormed(tampered));
        String body = key.substring(0, 20) + (key.charAt(20) == 'x' ? 'y' : 'x') + key.substring(21);
        assertFalse(ApiKeys.isWellFormed(body));
        assertTrue(ApiKeys.isWellFormed(ApiKeys.generate(false)));
        assertFalse(ApiKeys.isWellFormed("rsk_live_short"));
    }
}
