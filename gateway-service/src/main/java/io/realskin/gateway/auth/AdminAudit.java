package io.realskin.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.StringJoiner;
import org.jboss.logging.Logger;

/**
 * The audit line of an admin action: one INFO line per action done, naming the action, the tenant, what it moved or
 * set, and the id of the admin key that did it ({@code admin action credits-granted on tenant ten_… (amount=500,
 * entry=42) by admin key key_…}). Never a key, a key's hash or free text a caller wrote (a reason): ids, names the
 * API defines and numbers only, so a line can neither leak a secret nor be split by a line break.
 */
@ApplicationScoped
public class AdminAudit {
    private static final Logger LOG = Logger.getLogger(AdminAudit.class);

    private final CallerContext caller;

    public AdminAudit(CallerContext caller) {
        this.caller = caller;
    }

    /** The id of the admin key of this request: what billing records as the actor of an admin ledger entry. */
    public String actor() {
        return caller.get().keyId();
    }

    /** {@code facts}: name, value, name, value, ... (a null value is left out). */
    public void done(String action, String tenantId, Object... facts) {
        LOG.info(line(action, tenantId, actor(), facts));
    }

    static String line(String action, String tenantId, String adminKeyId, Object... facts) {
        if (facts.length % 2 != 0) {
            throw new IllegalArgumentException("facts come in pairs of name and value");
        }
        StringJoiner listed = new StringJoiner(", ", " (", ")").setEmptyValue("");
        for (int i = 0; i < facts.length; i += 2) {
            if (facts[i + 1] != null) {
                listed.add(facts[i] + "=" + facts[i + 1]);
            }
        }
        return "admin action " + action + " on tenant " + tenantId + listed + " by admin key " + adminKeyId;
    }
}
