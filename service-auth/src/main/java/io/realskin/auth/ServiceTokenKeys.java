package io.realskin.auth;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A backend without the gateway's public keys could only refuse every call: it refuses to start instead, naming the
 * variable. With the keys, it logs which ones it accepts (their {@code kid}s), for key rotation (docs/security.md).
 */
@ApplicationScoped
public class ServiceTokenKeys {
    private static final Logger LOG = Logger.getLogger(ServiceTokenKeys.class);

    private final Optional<String> keys;
    private final Optional<String> keysLocation;
    private final String application;
    private final Optional<List<String>> audiences;

    public ServiceTokenKeys(@ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> keys,
                            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keysLocation,
                            @ConfigProperty(name = "quarkus.application.name") String application,
                            @ConfigProperty(name = "mp.jwt.verify.audiences") Optional<List<String>> audiences) {
        this.keys = keys.filter(k -> !k.isBlank());
        this.keysLocation = keysLocation.filter(k -> !k.isBlank());
        this.application = application;
        this.audiences = audiences;
    }

    void check(@Observes StartupEvent start) {
        if (audiences.isEmpty()) {
            throw new IllegalStateException(application + ": mp.jwt.verify.audiences is not set; service tokens must name this service");
        }
        if (keysLocation.isPresent()) {
            LOG.infof("service tokens for %s are verified with the keys at %s", audiences.get(), keysLocation.get());
            return;
        }
        String content = keys.orElseThrow(() -> new IllegalStateException("MP_JWT_VERIFY_PUBLICKEY is not set: " + application
                + " answers only calls that carry the gateway's service token, and verifies them with the gateway's public keys"
                + " (a JWKS). Generate a key pair as docs/security.md says and give the gateway SMALLRYE_JWT_SIGN_KEY, every"
                + " backend MP_JWT_VERIFY_PUBLICKEY."));
        LOG.infof("service tokens for %s are verified with the key(s) %s", audiences.get(), keyIds(content));
    }

    /** The {@code kid}s of a JWKS, or what else the content is (a PEM key, one JWK). */
    static List<String> keyIds(String content) {
        String trimmed = content.trim();
        if (!trimmed.startsWith("{")) {
            return List.of("(one PEM key)");
        }
        try {
            JsonObject json = new JsonObject(trimmed);
            JsonArray set = json.getJsonArray("keys");
            if (set == null) {
                return List.of(json.getString("kid", "(one JWK without kid)"));
            }
            return IntStream.range(0, set.size()).mapToObj(i -> set.getJsonObject(i).getString("kid", "(no kid)")).toList();
        } catch (DecodeException | ClassCastException e) {
            throw new IllegalStateException("MP_JWT_VERIFY_PUBLICKEY is not a JWK set, a JWK or a PEM public key: " + e.getMessage());
        }
    }
}
