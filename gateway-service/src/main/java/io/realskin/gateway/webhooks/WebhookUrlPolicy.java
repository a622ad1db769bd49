package io.realskin.gateway.webhooks;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.Startup;
import io.realskin.gateway.config.GatewayConfig;
import io.realskin.gateway.problems.Problems;
import io.realskin.support.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * No SSRF through webhooks: only https URLs whose every address is public. Loopback, private (RFC 1918, CGNAT, IPv6
 * ULA, local-use NAT64), link-local (which holds the cloud metadata address 169.254.169.254), multicast, unspecified,
 * documentation and reserved ranges (every special-purpose range IANA does not mark globally reachable) are refused, IPv4 inside IPv6 (mapped, compatible, translated, NAT64, 6to4) by its IPv4 address, Teredo
 * tunnels always, as are the metadata host names. Hosts named in {@code realskin.webhooks.allowed-hosts} are
 * exempt (an on-premises receiver, a test). Checked when a URL is set and again before every attempt (DNS can change);
 * a delivery then connects to the address that was checked, never to a second lookup's answer (DNS rebinding). A URL
 * is checked as given: whitespace around it is refused, so what is checked is what is stored and called. Made at
 * start, so that its lookup meters are exported at 0 before the first URL is checked: the alert
 * WebhookLookupsRefusedForReplicaBound reads the refusals' rate.
 */
@Startup
@ApplicationScoped
public class WebhookUrlPolicy {
    /**
     * Before an attempt: the URL's host name does not resolve, or not to public addresses only, now. DNS can change
     * (a resolver's passing failure looks the same), so the attempt fails and the delivery is retried on its schedule.
     */
    public static final class NotNow extends RuntimeException {
        /** No lookup was made: the lookups in progress are at their bound, and the attempt may be postponed. */
        final boolean congested;

        NotNow(String message) {
            this(message, false);
        }

        NotNow(String message, boolean congested) {
            super(message, null, false, false);
            this.congested = congested;
        }
    }

    private static final Logger LOG = Logger.getLogger(WebhookUrlPolicy.class);
    private static final Set<String> METADATA_HOSTS = Set.of("metadata", "metadata.google.internal", "metadata.goog",
            "instance-data", "instance-data.ec2.internal");

    private static final int MAX_PORT = 65_535;

    private final List<String> allowed;
    private final WebhookHostLookups lookups;
    private final Counter refusedForTenant;
    private final Counter refusedForReplica;

    @Inject
    public WebhookUrlPolicy(GatewayConfig config, MeterRegistry registry) {
        this(config, InetAddress::getAllByName, registry);
    }

    /** Tests: the JVM's resolver, or theirs; the meters go nowhere. */
    WebhookUrlPolicy(GatewayConfig config) {
        this(config, InetAddress::getAllByName);
    }

    WebhookUrlPolicy(GatewayConfig config, WebhookHostLookups.Resolver resolver) {
        this(config, resolver, new SimpleMeterRegistry());
    }

    WebhookUrlPolicy(GatewayConfig config, WebhookHostLookups.Resolver resolver, MeterRegistry registry) {
        this.allowed = config.webhooks().allowedHosts().orElse(List.of()).stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT)).filter(h -> !h.isEmpty()).toList();
        this.lookups = new WebhookHostLookups(resolver, config.webhooks().lookupTimeout(), config.webhooks().lookupsPerTenant(),
                config.webhooks().lookupsTotal());
        registry.gauge("realskin.gateway.webhook.lookups.in.progress", lookups, WebhookHostLookups::inProgress);
        this.refusedForTenant = registry.counter("realskin.gateway.webhook.lookups.refused", "reason", "tenant");
        this.refusedForReplica = registry.counter("realskin.gateway.webhook.lookups.refused", "reason", "replica");
    }

    /**
     * Blocking (DNS). When a URL is given: returns where it may be called, the URI and the checked address to connect
     * to (none for an allowed host, which is resolved as usual), else throws the 400 webhook-url-refused problem; a
     * name that does not resolve (within {@code realskin.webhooks.lookup-timeout}) gets the words of one that resolves
     * inside; the tenant's lookups in progress at their bound is 429 too-many-webhook-lookups, the replica's 503
     * server-busy.
     */
    public WebhookTarget check(String tenantId, String url) {
        return check(tenantId, url, false);
    }

    /**
     * Blocking (DNS). Before an attempt: as {@link #check(String)}, but a host name that does not resolve, or not to
     * public addresses only, or not looked up now (the tenant's or the replica's lookups at their bound: {@link
     * NotNow#congested}, postponed), is {@link NotNow} (retried);
     * the problem is what no later attempt can pass.
     */
    public WebhookTarget checkBeforeAttempt(String tenantId, String url) {
        return check(tenantId, url, true);
    }

    private WebhookTarget check(String tenantId, String url, boolean beforeAttempt) {
        if (!url.equals(url.trim()) || !url.equals(url.strip())) {
            throw Problems.webhookUrlRefused("the URL starts or ends with whitespace");
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw Problems.webhookUrlRefused("not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host == null || host.isBlank()) {
            // an authority java.net.URI reads as no server (bücher.example, under_score.example) is no host an
            // https client can call: say so, rather than "no host" to a partner looking at one
            throw Problems.webhookUrlRefused(uri.getRawAuthority() == null || uri.getRawAuthority().isBlank() ? "the URL has no host"
                    : "the URL's host is not a host name (letters, digits, hyphens and dots; an internationalised name in its "
                    + "ASCII form, xn--…)");
        }
        if (uri.getPort() == 0 || uri.getPort() > MAX_PORT) { // java.net.URI takes any digits: no delivery could connect
            throw Problems.webhookUrlRefused("the URL's port must be 1 to " + MAX_PORT);
        }
        if (uri.getUserInfo() != null) {
            throw Problems.webhookUrlRefused("credentials in the URL are not allowed");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (ambiguousIpv4(host)) {
            throw Problems.webhookUrlRefused("the URL's host is an IPv4 address written other than as four decimal "
                    + "numbers without leading zeros (a.b.c.d)");
        }
        if (allowlisted(host, WebhookTarget.portOf(uri))) {
            if (!scheme.equals("https") && !scheme.equals("http")) {
                throw Problems.webhookUrlRefused("only http(s) URLs");
            }
            return new WebhookTarget(uri, null);
        }
        if (!scheme.equals("https")) {
            throw Problems.webhookUrlRefused("webhook URLs must use https");
        }
        if (METADATA_HOSTS.contains(host) || host.endsWith(".internal") || host.equals("localhost") || host.endsWith(".localhost")) {
            throw notPublic(host);
        }
        // an address in the URL is what it is; a name's addresses are what DNS answers now
        boolean name = !host.contains(":") && !host.matches("[0-9.]+");
        InetAddress[] addresses;
        try {
            addresses = name ? lookups.resolve(tenantId, host) : InetAddress.getAllByName(host); // a literal: no lookup
        } catch (WebhookHostLookups.Busy e) {
            (e.replica ? refusedForReplica : refusedForTenant).increment();
            if (beforeAttempt) {
                throw new NotNow(e.replica ? "not looked up now: this server's webhook host lookups in progress are at their "
                        + "bound (" + lookups.total + ")" : "not looked up now: this tenant's webhook host lookups in progress are "
                        + "at their bound (" + lookups.perTenant + ")", true);
            }
            throw e.replica ? Problems.serverBusy("webhook host lookups (DNS) in progress") : Problems.tooManyWebhookLookups(lookups.perTenant);
        } catch (UnknownHostException e) { // said apart from an internal name, it let a tenant probe which names exist inside
            LOG.debugf("webhook URL refused: %s does not resolve", host);
            if (beforeAttempt && name) { // the URL passed when it was given: the name is gone now, or the resolver failed
                throw new NotNow(host + " does not resolve (DNS)");
            }
            throw notPublic(host);
        }
        for (InetAddress address : addresses) {
            String why = nonPublic(address);
            if (why != null) {
                LOG.debugf("webhook URL refused: %s resolves to %s, a %s address", host, address.getHostAddress(), why);
                if (beforeAttempt && name) {
                    throw new NotNow(notPublic(host).problem().detail());
                }
                throw notPublic(host);
            }
        }
        return new WebhookTarget(uri, addresses[0]);
    }

    /**
     * A host that ends in a number (URL standard: browsers, curl and proxies then read it as IPv4) but is not a.b.c.d in
     * plain decimal: {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}, {@code 2130706433}, {@code 8.8.8.8.}. Readers
     * disagree on those (Java reads {@code 0177.0.0.1} as the public 177.0.0.1, the URL standard as 127.0.0.1), so
     * what was checked need not be what another reader of the stored URL calls.
     */
    static boolean ambiguousIpv4(String host) {
        if (host.contains(":")) { // an IPv6 literal, whose last part may be dotted IPv4 in plain decimal: checked as IPv6
            return false;
        }
        String[] labels = host.split("\\.", -1);
        String last = labels[labels.length - 1].isEmpty() && labels.length > 1 ? labels[labels.length - 2] : labels[labels.length - 1];
        if (!last.matches("[0-9]+|0x[0-9a-f]*")) {
            return false;
        }
        return !host.matches("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}")
                || Arrays.stream(labels).anyMatch(label -> Integer.parseInt(label) > 255);
    }

    /** The answer names the host as given, never what it resolved to: DNS answers of the inside stay inside. */
    private static ProblemException notPublic(String host) {
        return Problems.webhookUrlRefused(host + " is not a public address");
    }

    /** {@code port}: the effective one (443 for an https URL that names none). */
    private boolean allowlisted(String host, int port) {
        return allowed.contains(host) || (port > 0 && allowed.contains(host + ":" + port));
    }

    /** Why an address is not public, or null when it is. */
    static String nonPublic(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local (cloud metadata)";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return nonPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return "private (unique local)";
            }
            if (first == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return "private (site-local)";
            }
            boolean mappedOrCompat = true;
            for (int i = 0; i < 10; i++) {
                mappedOrCompat &= b[i] == 0;
            }
            boolean mapped = mappedOrCompat && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            // ::ffff:0:a.b.c.d, IPv4-translated (RFC 2765): a SIIT translator delivers it to the IPv4 address
            boolean translated = b[8] == (byte) 0xff && b[9] == (byte) 0xff && b[10] == 0 && b[11] == 0;
            for (int i = 0; i < 8; i++) {
                translated &= b[i] == 0;
            }
            if (nat64LocalUse(b)) {
                return "private (local-use NAT64)";
            }
            boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
            for (int i = 4; i < 12; i++) {
                nat64 &= b[i] == 0;
            }
            if (mapped || translated || nat64 || (mappedOrCompat && b[10] == 0 && b[11] == 0)) {
                byte[] v4 = {b[12], b[13], b[14], b[15]};
                String why = nonPublicV4(v4);
                return why == null ? null : why + " (embedded IPv4)";
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return "documentation";
            }
            if ((b[0] & 0xff) == 0x3f && (b[1] & 0xff) == 0xff && (b[2] & 0xf0) == 0) { // 3fff::/20, RFC 9637
                return "documentation";
            }
            if (b[0] == 0x01 && b[1] == 0 && b[2] == 0 && b[3] == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
                return "reserved (discard-only)"; // 100::/64, RFC 6666
            }
            if ((b[0] & 0xff) == 0x5f && b[1] == 0) { // 5f00::/16, RFC 9602: segment routing, never forwarded between networks
                return "reserved (SRv6)";
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && b[2] == 0 && b[3] == 0) {
                return "tunnel (Teredo)";
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xfe) == 0 && !globallyReachableProtocolAssignment(b)) {
                return "reserved (IETF protocol assignments)"; // 2001::/23: benchmarking, deprecated ORCHID, unassigned
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                // 6to4: a relay delivers to the IPv4 address in bits 16-47
                String why = nonPublicV4(new byte[] {b[2], b[3], b[4], b[5]});
                return why == null ? null : why + " (6to4)";
            }
        }
        return null;
    }

    /**
     * Inside 2001::/23, the assignments IANA's special-purpose registry marks globally reachable: the anycast addresses
     * 2001:1::1 to 2001:1::3 (PCP, TURN, DNS-SD SRP), AMT 2001:3::/32, AS112 2001:4:112::/48, ORCHIDv2 2001:20::/28 and
     * DRIP 2001:30::/28. Teredo (2001::/32) is told apart before.
     */
    private static boolean globallyReachableProtocolAssignment(byte[] b) {
        int second = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        int third = ((b[4] & 0xff) << 8) | (b[5] & 0xff);
        if (second == 1) {
            for (int i = 4; i < 15; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return b[15] >= 1 && b[15] <= 3;
        }
        return second == 3 || (second == 4 && third == 0x0112) || (second >= 0x20 && second <= 0x3f);
    }

    /** 64:ff9b:1::/48 (RFC 8215): NAT64 prefixes of a local network, translating to addresses of its choosing. */
    private static boolean nat64LocalUse(byte[] b) {
        return b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0 && b[5] == 1;
    }

    private static String nonPublicV4(byte[] b) {
        int a = b[0] & 0xff;
        int c = b[1] & 0xff;
        if (a == 0) {
            return "unspecified";
        }
        if (a == 127) {
            return "loopback";
        }
        if (a == 10 || (a == 172 && c >= 16 && c <= 31) || (a == 192 && c == 168)) {
            return "private";
        }
        if (a == 169 && c == 254) {
            return "link-local (cloud metadata)";
        }
        if (a == 100 && c >= 64 && c <= 127) {
            return "private (carrier-grade NAT)";
        }
        int third = b[2] & 0xff;
        if (a == 192 && c == 0 && third == 0) {
            return "reserved";
        }
        if ((a == 192 && c == 0 && third == 2) || (a == 198 && c == 51 && third == 100) || (a == 203 && c == 0 && third == 113)) {
            return "documentation"; // TEST-NET-1 to -3, RFC 5737: never routed on the internet, so only ever someone's inside
        }
        if (a == 192 && c == 88 && third == 99) {
            return "reserved (6to4 relay anycast)"; // RFC 7526: deprecated; a relay there forwards into IPv6
        }
        if (a == 198 && (c == 18 || c == 19)) {
            return "reserved (benchmarking)";
        }
        if (a >= 224) {
            return "multicast or reserved";
        }
        return null;
    }
}
