package io.realskin.system.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.realskin.contracts.ApiKeys;
import io.realskin.local.ServiceKeys;
import io.realskin.system.RealSkinSystem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code deploy/k8s/create-secrets} run a second time (its header: "run again" for a new service-token key pair) keeps
 * what must survive it: the webhook encryption key (the stored webhook secrets are encrypted with it), the admin key,
 * the OpenAI end-user key (the tenant ids OpenAI counts abuse by) and the local MinIO login; and a cluster it cannot read stops it before it applies anything. The script runs as
 * written, against a stand-in {@code kubectl} first on its PATH that answers {@code get secret} from files (the
 * namespace's current secrets), writes {@code create ... --dry-run=client -o yaml} as "name" / "key=base64" lines,
 * records what {@code apply} would apply, and records every command line it is given (arguments are readable by every
 * user of the machine: no secret may be among them) and the files it is handed, with their permissions.
 */
@Execution(ExecutionMode.CONCURRENT) // reads files and runs tools only: beside the deployment's classes
class CreateSecretsTest {
    private static final Path SCRIPT = RealSkinSystem.projectRoot().resolve("deploy/k8s/create-secrets");

    private static final String KUBECTL = """
            #!/usr/bin/env bash
            dir="$(dirname "$0")"
            printf '%s\\n' "$*" >> "$dir/argv"
            case "$1" in
              get)
                [[ -f "$dir/unreachable" ]] && { echo "Unable to connect to the server" >&2; exit 1; }
                path="${!#}"; key="${path#jsonpath=\\{.data.}"; key="${key%\\}}"
                [[ -f "$dir/current/$3/$key" ]] && base64 -w0 < "$dir/current/$3/$key"
                exit 0 ;;
              create)
                if [[ "$2" == secret ]]; then shift 3; else shift 2; fi
                echo "object $1"; shift
                for a in "$@"; do
                  case "$a" in
                    --from-literal=*) kv="${a#--from-literal=}"; printf '%s=%s\\n' "${kv%%=*}" "$(printf '%s' "${kv#*=}" | base64 -w0)" ;;
                    --from-file=*) kv="${a#--from-file=}"; printf '%s=%s\\n' "${kv%%=*}" "$(base64 -w0 < "${kv#*=}")"
                      printf '%s %s\\n' "$(stat -c %a "${kv#*=}")" "${kv#*=}" >> "$dir/files" ;;
                  esac
                done ;;
              apply) cat > "$dir/applied" ;;
              *) echo "unexpected kubectl $*" >&2; exit 3 ;;
            esac
            """;

    @TempDir
    Path bin;

    @Test
    void aSecondRunKeepsTheWebhookEncryptionKeyTheAdminKeyTheEndUserKeyAndTheMinioLogin() throws Exception {
        String webhooksKey = "c2FtZS1rZXktYXMtYmVmb3JlLTMyLWJ5dGVzLWxvbmchIQ==";
        String adminKey = ApiKeys.generate(false);
        String endUserKey = "end-user-key-of-the-first-run-0123456789abcdef";
        current("realskin-gateway-secrets", "REALSKIN_WEBHOOKS_ENCRYPTION_KEY", webhooksKey);
        current("realskin-gateway-secrets", "REALSKIN_ADMIN_KEY", adminKey);
        current("realskin-generation-secrets", "REALSKIN_PROVIDERS_OPENAI_END_USER_SECRET", endUserKey);
        current("realskin-s3-credentials", "AWS_SECRET_ACCESS_KEY", "minio-login-of-the-first-run");

        Run run = run("local");

        assertEquals(0, run.exit, run.output);
        Map<String, Map<String, String>> applied = objects(Files.readString(bin.resolve("applied")));
        assertEquals(webhooksKey, applied.get("realskin-gateway-secrets").get("REALSKIN_WEBHOOKS_ENCRYPTION_KEY"));
        assertEquals(adminKey, applied.get("realskin-gateway-secrets").get("REALSKIN_ADMIN_KEY"));
        assertEquals("minio-login-of-the-first-run", applied.get("realskin-s3-credentials").get("AWS_SECRET_ACCESS_KEY"));
        assertEquals(endUserKey, applied.get("realskin-generation-secrets").get("REALSKIN_PROVIDERS_OPENAI_END_USER_SECRET"));
        assertTrue(applied.get("realskin-gateway-secrets").get("SMALLRYE_JWT_SIGN_KEY").contains("PRIVATE KEY"), "a new signing key");
        assertFalse(run.output.contains(adminKey), "an admin key that exists is not shown as a new one: " + run.output);
        assertOnNoCommandLine(List.of(webhooksKey, adminKey, endUserKey, "minio-login-of-the-first-run"));
        assertTrue(run.output.contains("Admin key: unchanged"), run.output);
    }

    @Test
    void aFirstRunMakesEveryKey() throws Exception {
        Run run = run("local");

        assertEquals(0, run.exit, run.output);
        Map<String, String> gateway = objects(Files.readString(bin.resolve("applied"))).get("realskin-gateway-secrets");
        assertEquals(32, Base64.getDecoder().decode(gateway.get("REALSKIN_WEBHOOKS_ENCRYPTION_KEY")).length);
        assertTrue(ApiKeys.isWellFormed(gateway.get("REALSKIN_ADMIN_KEY")), gateway.get("REALSKIN_ADMIN_KEY"));
        assertTrue(run.output.contains("Admin key: " + gateway.get("REALSKIN_ADMIN_KEY")), run.output);
        String endUserKey = objects(Files.readString(bin.resolve("applied"))).get("realskin-generation-secrets")
                .get("REALSKIN_PROVIDERS_OPENAI_END_USER_SECRET");
        assertTrue(endUserKey.matches("[0-9a-f]{64}"), "a new random end-user key: " + endUserKey);
        assertFalse(run.output.contains(endUserKey), "never printed");
    }

    /** The gateway signs under the PEM's RFC 7638 thumbprint (a PEM has no kid): the backends' JWKS must name it so. */
    @Test
    void theBackendsVerifyUnderTheKidTheGatewaySignsWith() throws Exception {
        Run run = run("local");

        assertEquals(0, run.exit, run.output);
        Map<String, Map<String, String>> applied = objects(Files.readString(bin.resolve("applied")));
        ServiceKeys gateway = ServiceKeys.fromPem(applied.get("realskin-gateway-secrets").get("SMALLRYE_JWT_SIGN_KEY"));
        String jwks = applied.get("realskin-service-tokens").get("MP_JWT_VERIFY_PUBLICKEY");
        assertEquals(List.of(gateway.keyId()), member(jwks, "kid"), jwks);
        assertEquals(member(gateway.verificationKeys(), "n"), member(jwks, "n"), "the JWKS holds the PEM's public key");
    }

    @Test
    void aGivenWebhookEncryptionKeyWins() throws Exception {
        current("realskin-gateway-secrets", "REALSKIN_WEBHOOKS_ENCRYPTION_KEY", "b2xkLWtleS1vZi10aGlzLWNsdXN0ZXItMzItYnl0ZXMhIQ==");
        String restored = "a2V5LW9mLXRoZS1yZXN0b3JlZC1kYXRhYmFzZS0zMmJ5dGU=";

        Run run = run("local", Map.of("REALSKIN_WEBHOOKS_ENCRYPTION_KEY", restored));

        assertEquals(0, run.exit, run.output);
        assertEquals(restored, objects(Files.readString(bin.resolve("applied"))).get("realskin-gateway-secrets")
                .get("REALSKIN_WEBHOOKS_ENCRYPTION_KEY"));
    }

    @Test
    void productionSecretsReachKubectlAsPrivateFilesNeverAsArguments() throws Exception {
        Map<String, String> secrets = Map.of(
                "REALSKIN_ADMIN_KEY", ApiKeys.generate(true),
                "REALSKIN_WEBHOOKS_ENCRYPTION_KEY", "d2ViaG9vay1rZXktb2YtdGhlLXByb2R1Y3Rpb24tMzJieXQ=",
                "AWS_ACCESS_KEY_ID", "AKIAEXAMPLEACCESSID",
                "AWS_SECRET_ACCESS_KEY", "aws-secret-access-key-value",
                "BACKUP_ACCESS_KEY_ID", "AKIAEXAMPLEBACKUPID",
                "BACKUP_SECRET_ACCESS_KEY", "backup-secret-access-key-value",
                "OPENAI_API_KEY", "sk-openai-key-value",
                "BFL_API_KEY", "bfl-key-value");

        Run run = run("production", secrets);

        assertEquals(0, run.exit, run.output);
        Map<String, Map<String, String>> applied = objects(Files.readString(bin.resolve("applied")));
        assertEquals(secrets.get("REALSKIN_ADMIN_KEY"), applied.get("realskin-gateway-secrets").get("REALSKIN_ADMIN_KEY"));
        assertEquals(secrets.get("AWS_SECRET_ACCESS_KEY"), applied.get("realskin-s3-credentials").get("AWS_SECRET_ACCESS_KEY"));
        assertEquals(secrets.get("BACKUP_SECRET_ACCESS_KEY"), applied.get("realskin-db-backup-credentials").get("ACCESS_SECRET_KEY"));
        assertEquals(secrets.get("OPENAI_API_KEY"), applied.get("realskin-providers").get("OPENAI_API_KEY"));
        assertEquals(secrets.get("BFL_API_KEY"), applied.get("realskin-providers").get("BFL_API_KEY"));
        assertOnNoCommandLine(secrets.values());
        List<String> files = Files.readAllLines(bin.resolve("files"));
        assertTrue(files.size() >= secrets.size(), "every secret value went as a file: " + files);
        for (String file : files) {
            String[] modeAndPath = file.split(" ", 2);
            assertEquals("600", modeAndPath[0], "readable by its owner only: " + file);
            assertFalse(Files.exists(Path.of(modeAndPath[1])), "removed when the script ended: " + file);
        }
    }

    @Test
    void aClusterItCannotReadStopsItBeforeItAppliesAnything() throws Exception {
        Files.writeString(bin.resolve("unreachable"), "");

        Run run = run("local");

        assertNotEquals(0, run.exit, run.output);
        assertTrue(run.output.contains("cannot read secret realskin-gateway-secrets"), run.output);
        assertFalse(Files.exists(bin.resolve("applied")), "nothing applied");
    }

    /** Every value of a JSON string member {@code name} in {@code json}, in order. */
    private static List<String> member(String json, String name) {
        return Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json).results().map(m -> m.group(1)).toList();
    }

    /** No command line kubectl was given carries any of the values. */
    private void assertOnNoCommandLine(Collection<String> values) throws Exception {
        String argv = Files.readString(bin.resolve("argv"));
        for (String value : values) {
            assertFalse(argv.contains(value), "a secret on kubectl's command line (" + value.substring(0, 4) + "...): " + argv);
        }
    }

    private void current(String secret, String key, String value) throws Exception {
        Files.createDirectories(bin.resolve("current").resolve(secret));
        Files.writeString(bin.resolve("current").resolve(secret).resolve(key), value);
    }

    private record Run(int exit, String output) {
    }

    private Run run(String env) throws Exception {
        return run(env, Map.of());
    }

    private Run run(String env, Map<String, String> extra) throws Exception {
        Path kubectl = bin.resolve("kubectl");
        Files.writeString(kubectl, KUBECTL);
        Files.setPosixFilePermissions(kubectl, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder(List.of("bash", SCRIPT.toString(), env)).redirectErrorStream(true);
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().remove("REALSKIN_ADMIN_KEY");
        pb.environment().remove("REALSKIN_WEBHOOKS_ENCRYPTION_KEY");
        pb.environment().putAll(extra);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "create-secrets ended");
        return new Run(p.exitValue(), output);
    }

    /** The stand-in's "object name" / "key=base64" lines: each object's keys with their decoded values. */
    private static Map<String, Map<String, String>> objects(String applied) {
        Map<String, Map<String, String>> objects = new LinkedHashMap<>();
        Map<String, String> current = null;
        for (String line : applied.split("\n")) {
            if (line.startsWith("object ")) {
                current = new LinkedHashMap<>();
                objects.put(line.substring("object ".length()), current);
            } else if (current != null && line.contains("=")) {
                int eq = line.indexOf('=');
                current.put(line.substring(0, eq),
                        new String(Base64.getDecoder().decode(line.substring(eq + 1)), StandardCharsets.UTF_8));
            }
        }
        return objects;
    }
}
