package io.realskin.gateway.webhooks;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realskin.gateway.config.TestGatewayConfig;
import io.realskin.support.problem.ProblemException;
import io.realskin.support.problem.ProblemTypes;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SSRF rule for webhook URLs, without DNS: every host here is an address literal or a name refused before any
 * lookup, so the answers do not depend on the machine's resolver.
 */
class WebhookUrlPolicyTest {
    private static final String REFUSED = ProblemTypes.WEBHOOK_URL_REFUSED.uri();
    private static final String TENANT = "ten_hooks";

    private final WebhookUrlPolicy policy = new WebhookUrlPolicy(TestGatewayConfig.with(Map.of()));

    @ParameterizedTest
    @ValueSource(strings = {
        "https://93.184.215.14/hook",
        "https://93.184.215.14:8443/hook?tenant=a",
        "HTTPS://93.184.215.14/hook",
        "https://[2606:4700:4700::1111]/hook",
        "https://[2606:4700:4700::1111]:9443/hook",
    })
    void publicHttpsAddressesOnAnyPortAreAllowedAndTheDeliveryIsPinnedToTheCheckedAddress(String url) throws Exception {
        WebhookTarget target = policy.check(TENANT, url);
        assertEquals(url, target.uri().toString());
        assertEquals(InetAddress.getByName(target.uri().getHost()), target.pinned());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // loopback, v4 and v6, in every spelling Java's resolver accepts as a literal
        "https://127.0.0.1/hook               | loopback",
        "https://127.255.255.254/hook         | loopback",
        "https://[::1]/hook                   | loopback",
        "https://[0:0:0:0:0:0:0:1]/hook       | loopback",
        // unspecified
        "https://0.0.0.0/hook                 | unspecified",
        "https://0.1.2.3/hook                 | unspecified",
        "https://[::]/hook                    | unspecified",
        // RFC 1918 at both ends of each range, carrier-grade NAT, IPv6 unique local and site-local
        "https://10.0.0.0/hook                | private",
        "https://10.255.255.255/hook          | private",
        "https://172.16.0.1/hook              | private",
        "https://172.31.255.255/hook          | private",
        "https://192.168.0.1/hook             | private",
        "https://100.64.0.1/hook              | carrier-grade NAT",
        "https://100.127.255.255/hook         | carrier-grade NAT",
        "https://[fd00:ec2::254]/hook         | unique local",
        "https://[fc00::1]/hook               | unique local",
        "https://[fec0::1]/hook               | site-local",
        // link-local, which holds the cloud metadata address
        "https://169.254.169.254/latest/meta-data/ | link-local",
        "https://[fe80::1]/hook               | link-local",
        // IPv4 inside IPv6: mapped, compatible, NAT64
        "https://[::ffff:127.0.0.1]/hook      | loopback",
        "https://[::ffff:10.0.0.1]/hook       | private",
        "https://[::ffff:a9fe:a9fe]/hook      | link-local",
        "https://[::127.0.0.1]/hook           | loopback",
        "https://[::10.1.2.3]/hook            | private",
        "https://[::ffff:0:7f00:1]/hook       | translated (SIIT) loopback",
        "https://[::ffff:0:a9fe:a9fe]/hook    | translated (SIIT) link-local",
        "https://[64:ff9b::a9fe:a9fe]/hook    | link-local",
        "https://[64:ff9b::7f00:1]/hook       | loopback",
        "https://[64:ff9b:1::808:808]/hook    | local-use NAT64",
        "https://[2002:7f00:1::1]/hook        | 6to4 of loopback",
        "https://[2002:a9fe:a9fe::1]/hook     | 6to4 of link-local",
        "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook | Teredo",
        // multicast, reserved, benchmarking, documentation
        "https://224.0.0.1/hook               | multicast",
        "https://239.255.255.250/hook         | multicast",
        "https://240.0.0.1/hook               | reserved",
        "https://255.255.255.255/hook         | reserved",
        "https://[ff02::1]/hook               | multicast",
        "https://192.0.0.8/hook               | reserved",
        "https://198.18.0.1/hook              | benchmarking",
        "https://198.19.255.255/hook          | benchmarking",
        "https://[2001:db8::1]/hook           | documentation",
        // the rest of IANA's special-purpose ranges that are not globally reachable (until 2026-12-07 accepted)
        "https://192.0.2.1/hook               | documentation (TEST-NET-1)",
        "https://198.51.100.7/hook            | documentation (TEST-NET-2)",
        "https://203.0.113.255/hook           | documentation (TEST-NET-3)",
        "https://192.88.99.1/hook             | deprecated 6to4 relay anycast",
        "https://[::ffff:203.0.113.5]/hook    | documentation, mapped",
        "https://[3fff::1]/hook               | documentation (RFC 9637)",
        "https://[100::1]/hook                | discard-only",
        "https://[2001:2::1]/hook             | benchmarking",
        "https://[2001:10::1]/hook            | deprecated ORCHID",
        "https://[2001:1::4]/hook             | IETF protocol assignments",
        "https://[5f00::1]/hook               | SRv6 SIDs",
    })
    void nonPublicAddressesAreRefusedWithoutNamingWhatTheyAre(String url, String kind) {
        ProblemException e = refused(url);
        String host = URI.create(url.trim()).getHost().replace("[", "").replace("]", "").toLowerCase();
        assertEquals(host + " is not a public address", e.problem().detail(),
                "the answer names the host as given, never the kind of address (" + kind + ")");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1         | loopback",
        "::1               | loopback",
        "0.0.0.0           | unspecified",
        "10.0.0.1          | private",
        "172.20.0.1        | private",
        "192.168.1.1       | private",
        "100.64.0.1        | private (carrier-grade NAT)",
        "169.254.169.254   | link-local (cloud metadata)",
        "fe80::1           | link-local (cloud metadata)",
        "fd12:3456::1      | private (unique local)",
        "::ffff:10.0.0.1   | private",
        "::10.0.0.1        | private (embedded IPv4)",
        "64:ff9b::a00:1    | private (embedded IPv4)",
        "64:ff9b::808:808  | ",
        "64:ff9b:1::808:808 | private (local-use NAT64)",
        "64:ff9b:2::808:808 | ",
        "2002:a00:1::1     | private (6to4)",
        "2002:808:808::1   | ",
        "2001::1           | tunnel (Teredo)",
        "2001:4860:4860::8888 | ",
        "::ffff:8.8.8.8    | ",
        "224.0.0.251       | multicast",
        "192.0.0.1         | reserved",
        "198.18.3.4        | reserved (benchmarking)",
        "2001:db8:1::1     | documentation",
        "192.0.2.0         | documentation",
        "192.0.2.255       | documentation",
        "192.0.1.255       | ",
        "192.0.3.0         | ",
        "198.51.100.0      | documentation",
        "198.51.99.255     | ",
        "198.51.101.0      | ",
        "203.0.113.0       | documentation",
        "203.0.112.255     | ",
        "203.0.114.0       | ",
        "192.88.99.255     | reserved (6to4 relay anycast)",
        "192.88.98.255     | ",
        "192.88.100.0      | ",
        "::ffff:198.51.100.1 | documentation",
        "::198.51.100.1    | documentation (embedded IPv4)",
        "2002:c000:201::1  | documentation (6to4)",
        "3fff::            | documentation",
        "3fff:fff:ffff::1  | documentation",
        "3fff:1000::1      | ",
        "100::             | reserved (discard-only)",
        "100::ffff:ffff:ffff:ffff | reserved (discard-only)",
        "100:0:0:1::       | ",
        "2001:1::4         | reserved (IETF protocol assignments)",
        "2001:2::          | reserved (IETF protocol assignments)",
        "2001:10::1        | reserved (IETF protocol assignments)",
        "2001:1ff:ffff::1  | reserved (IETF protocol assignments)",
        "2001:1::1         | ",
        "2001:1::3         | ",
        "2001:3::1         | ",
        "2001:4:112::1     | ",
        "2001:4:113::1     | reserved (IETF protocol assignments)",
        "2001:20::1        | ",
        "2001:3f:ffff::1   | ",
        "2001:200::1       | ",
        "5f00::1           | reserved (SRv6)",
        "5eff:ffff::1      | ",
        "5f01::1           | ",
        "8.8.8.8           | ",
        "100.63.255.255    | ",
        "100.128.0.0       | ",
        "172.15.255.255    | ",
        "172.32.0.0        | ",
        "169.253.255.255   | ",
        "198.17.255.255    | ",
        "198.20.0.0        | ",
        "223.255.255.254   | ",
        "2606:4700::1111   | ",
    })
    void eachAddressIsClassifiedAtTheEdgesOfItsRange(String literal, String why) throws UnknownHostException {
        assertEquals(why, WebhookUrlPolicy.nonPublic(InetAddress.getByName(literal)), literal);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://localhost/hook",
        "https://LOCALHOST:8443/hook",
        "https://api.localhost/hook",
        "https://metadata/computeMetadata/v1/",
        "https://metadata.google.internal/computeMetadata/v1/",
        "https://metadata.goog/",
        "https://instance-data/latest/",
        "https://instance-data.ec2.internal/latest/",
        "https://db.corp.internal/hook",
    })
    void internalNamesAreRefusedBeforeAnyLookup(String url) {
        assertTrue(refused(url).problem().detail().endsWith(" is not a public address"));
    }

    /**
     * A name that does not resolve (.invalid never does, RFC 6761) is refused as an internal one is: "does not resolve"
     * beside "is not a public address" told a tenant which internal service names exist.
     */
    @Test
    void aNameThatDoesNotResolveIsRefusedAsAnInternalOneIs() {
        assertEquals("nonexistent-host-xyz.invalid is not a public address",
                refused("https://nonexistent-host-xyz.invalid/hook").problem().detail());
    }

    /**
     * Before an attempt, DNS is asked again: a name that does not resolve (also what a resolver's passing failure
     * looks like) or that resolves inside now is retried later, not refused for good, since DNS can change; an
     * address written in the URL cannot change. When a URL is given, both are refused as before.
     */
    @Test
    void beforeAnAttemptANamesAnswerNowIsRetriedLaterAndAnAddressInTheUrlIsRefused() throws UnknownHostException {
        InetAddress inside = InetAddress.getByName("10.0.0.7");
        WebhookUrlPolicy resolving = new WebhookUrlPolicy(TestGatewayConfig.with(Map.of()), host -> switch (host) {
            case "moved.example.com" -> new InetAddress[] {inside};
            case "hooks.example.com" -> new InetAddress[] {InetAddress.getByName("93.184.215.14")};
            default -> throw new UnknownHostException(host);
        });
        assertEquals("gone.example.com does not resolve (DNS)", assertThrows(WebhookUrlPolicy.NotNow.class,
                () -> resolving.checkBeforeAttempt(TENANT, "https://gone.example.com/hook")).getMessage());
        assertEquals("moved.example.com is not a public address", assertThrows(WebhookUrlPolicy.NotNow.class,
                () -> resolving.checkBeforeAttempt(TENANT, "https://moved.example.com/hook")).getMessage());
        assertEquals("hooks.example.com", resolving.checkBeforeAttempt(TENANT, "https://hooks.example.com/hook").uri().getHost());
        assertEquals("10.0.0.7 is not a public address", assertThrows(ProblemException.class,
                () -> resolving.checkBeforeAttempt(TENANT, "https://10.0.0.7/hook")).problem().detail());
        assertEquals("webhook URLs must use https", assertThrows(ProblemException.class,
                () -> resolving.checkBeforeAttempt(TENANT, "http://hooks.example.com/hook")).problem().detail());
        for (String name : List.of("gone.example.com", "moved.example.com")) {
            assertEquals(name + " is not a public address", refused(resolving, "https://" + name + "/hook").problem().detail());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http://93.184.215.14/hook           | webhook URLs must use https",
        "ftp://93.184.215.14/hook            | webhook URLs must use https",
        "ws://93.184.215.14/hook             | webhook URLs must use https",
        "https://user:pass@93.184.215.14/hook | credentials in the URL are not allowed",
        "https://user@93.184.215.14/hook     | credentials in the URL are not allowed",
        "https:///hook                       | the URL has no host",
        "mailto:ops@example.com              | the URL has no host",
        "/relative/hook                      | the URL has no host",
    })
    void schemeCredentialsAndHostAreCheckedFirst(String url, String detail) {
        assertEquals(detail, refused(url).problem().detail());
    }

    /**
     * A host java.net.URI cannot read as one (an internationalised name as typed, an underscore) was "the URL has no
     * host"; a port past 65535 or 0 was accepted and stored, and every delivery to it failed before connecting.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "https://under_score.example.com/    | the URL's host is not a host name (letters, digits, hyphens and dots; an internationalised name in its ASCII form, xn--…)",
        "https://bücher.example/hook         | the URL's host is not a host name (letters, digits, hyphens and dots; an internationalised name in its ASCII form, xn--…)",
        "https://93.184.215.14:65536/hook    | the URL's port must be 1 to 65535",
        "https://93.184.215.14:99999/hook    | the URL's port must be 1 to 65535",
        "https://93.184.215.14:0/hook        | the URL's port must be 1 to 65535",
    })
    void aHostOrPortNoClientCanCallIsRefusedSayingWhy(String url, String detail) {
        assertEquals(detail, refused(url).problem().detail());
        assertEquals(detail, refused(new WebhookUrlPolicy(TestGatewayConfig.with(Map.of("realskin.webhooks.allowed-hosts",
                "under_score.example.com,bücher.example,93.184.215.14"))), url).problem().detail(), "allowed hosts too");
    }

    /**
     * A host ending in a number but not written a.b.c.d in plain decimal means different addresses to different readers:
     * Java took 0177.0.0.1 for the public 177.0.0.1 (accepted, and delivered there), where the URL standard, curl and
     * proxies read 127.0.0.1. Refused whoever reads it, an allowed host's too; a name or an IPv6 literal is no such host.
     */
    @ParameterizedTest
    @ValueSource(strings = {"https://0177.0.0.1/hook", "https://8.8.8.010/hook", "https://0x08080808/hook", "https://2130706433/hook",
            "https://134744072/hook", "https://08.8.8.8:8443/hook"})
    void anIpv4AddressWrittenOtherThanAsFourDecimalNumbersIsRefused(String url) {
        String detail = "the URL's host is an IPv4 address written other than as four decimal numbers without leading zeros (a.b.c.d)";
        assertEquals(detail, refused(url).problem().detail());
        assertEquals(detail, refused(new WebhookUrlPolicy(TestGatewayConfig.with(Map.of("realskin.webhooks.allowed-hosts",
                URI.create(url).getHost()))), url).problem().detail(), "allowed hosts too");
    }

    /** (java.net.URI reads no host in 127.1, 8.8.8.8. and the like: those are refused as no host name before this.) */
    @Test
    void aNameWithDigitsOrAnIpv6LiteralIsNoAmbiguousIpv4Address() {
        for (String host : List.of("127.1", "8.8.8.8.", "0x7f.0.0.1", "1.2.3.4.5", "8.8.8.256", "hooks.example.0x1", "a.0x")) {
            assertTrue(WebhookUrlPolicy.ambiguousIpv4(host), host);
        }
        for (String host : List.of("8.8.8.8", "0.0.0.0", "255.255.255.255", "::ffff:127.0.0.1", "1e100.net", "hooks.example", "10x.example")) {
            assertFalse(WebhookUrlPolicy.ambiguousIpv4(host), host);
        }
    }

    /**
     * A URL with whitespace around it was checked trimmed and stored as sent, and the endpoint its deliveries were
     * counted under was the untrimmed text: 12 spellings of one receiver had 7 attempts in flight, past its 4.
     */
    @ParameterizedTest
    @ValueSource(strings = {"  https://93.184.215.14/hook", "https://93.184.215.14/hook\t", " https://93.184.215.14/hook ", "\nhttps://93.184.215.14/"})
    void aUrlWithWhitespaceAroundItIsRefused(String url) {
        assertEquals("the URL starts or ends with whitespace", refused(url).problem().detail());
    }

    /** A host allowed with the scheme's default port is allowed when the URL leaves the port out, and the other way round. */
    @Test
    void anAllowedPortMatchesTheSchemesDefaultPort() {
        WebhookUrlPolicy onPremises = new WebhookUrlPolicy(TestGatewayConfig.with(
                Map.of("realskin.webhooks.allowed-hosts", "127.0.0.1:80,10.0.0.7:443")));
        assertNotNull(onPremises.check(TENANT, "http://127.0.0.1/hook"));
        assertNotNull(onPremises.check(TENANT, "http://127.0.0.1:80/hook"));
        assertNotNull(onPremises.check(TENANT, "https://10.0.0.7/hook"));
        assertEquals("127.0.0.1 is not a public address", refused(onPremises, "https://127.0.0.1/hook").problem().detail(),
                "https's default port is 443, not the allowed 80");
    }

    @Test
    void theEdgePortsAreAllowed() {
        assertEquals(65535, policy.check(TENANT, "https://93.184.215.14:65535/hook").uri().getPort());
        assertEquals(1, policy.check(TENANT, "https://93.184.215.14:1/hook").uri().getPort());
    }

    @Test
    void textThatIsNoUriIsRefusedAsSuch() {
        ProblemException e = refused("https://93.184.215.14/a hook");
        assertEquals(400, e.problem().status());
        assertTrue(e.problem().detail().startsWith("not a URL: "), e.problem().detail());
    }

    @Test
    void anAllowedHostMayUseHttpAndANonPublicAddressButNoOtherScheme() {
        WebhookUrlPolicy onPremises = new WebhookUrlPolicy(TestGatewayConfig.with(
                Map.of("realskin.webhooks.allowed-hosts", " Receiver.Local , 127.0.0.1:8443")));
        assertEquals(new WebhookTarget(URI.create("http://receiver.local/hook"), null), onPremises.check(TENANT, "http://receiver.local/hook"),
                "an allowed host is resolved when called, not pinned");
        assertEquals("https://RECEIVER.local:9000/hook", onPremises.check(TENANT, "https://RECEIVER.local:9000/hook").uri().toString(),
                "a host allowed without a port is allowed on every port");
        assertEquals("http://127.0.0.1:8443/hook", onPremises.check(TENANT, "http://127.0.0.1:8443/hook").uri().toString());
        assertEquals("only http(s) URLs", refused(onPremises, "ftp://receiver.local/hook").problem().detail());
        assertEquals("credentials in the URL are not allowed",
                refused(onPremises, "http://admin@receiver.local/hook").problem().detail(), "userinfo is never allowed");
    }

    @Test
    void aHostAllowedWithAPortIsAllowedOnThatPortOnly() {
        WebhookUrlPolicy onPremises = new WebhookUrlPolicy(TestGatewayConfig.with(
                Map.of("realskin.webhooks.allowed-hosts", "127.0.0.1:8443")));
        assertEquals("webhook URLs must use https", refused(onPremises, "http://127.0.0.1:8444/hook").problem().detail());
        assertEquals("127.0.0.1 is not a public address", refused(onPremises, "https://127.0.0.1/hook").problem().detail(),
                "no port in the URL is not the allowed port");
        assertNotNull(onPremises.check(TENANT, "https://127.0.0.1:8443/hook"));
    }

    /**
     * The JVM's resolver waits as long as the name servers take, and a tenant's own slow name server (a new name each
     * time, so nothing is cached) held a gateway worker thread per lookup for all of it. Now a lookup is waited for at
     * most realskin.webhooks.lookup-timeout (then the name counts as not resolving), and a tenant has at most
     * realskin.webhooks.lookups-per-tenant in progress, counted until each lookup ends: more is 429 when a URL is
     * given and a retried attempt before a delivery, while another tenant's lookups go on.
     */
    @Test
    void slowLookupsAreWaitedForBoundedlyAndATenantsOwnAreLimited() throws Exception {
        CountDownLatch slowServer = new CountDownLatch(1);
        WebhookUrlPolicy policy = new WebhookUrlPolicy(TestGatewayConfig.with(Map.of("realskin.webhooks.lookup-timeout", "50ms",
                "realskin.webhooks.lookups-per-tenant", "2")), slowUntil(slowServer));
        // two lookups that do not end in time: refused as names that do not resolve, their lookups still in progress
        assertEquals("a.slow.example is not a public address", refused(policy, "https://a.slow.example/hook").problem().detail());
        assertEquals("b.slow.example does not resolve (DNS)", assertThrows(WebhookUrlPolicy.NotNow.class,
                () -> policy.checkBeforeAttempt(TENANT, "https://b.slow.example/hook")).getMessage());
        ProblemException busy = assertThrows(ProblemException.class, () -> policy.check(TENANT, "https://hooks.example.com/hook"));
        assertEquals(ProblemTypes.TOO_MANY_WEBHOOK_LOOKUPS.uri(), busy.problem().type());
        assertEquals(429, busy.problem().status());
        assertEquals("1", busy.headers().get("Retry-After"));
        assertEquals(2, busy.problem().members().get("limit"));
        assertTrue(assertThrows(WebhookUrlPolicy.NotNow.class, () -> policy.checkBeforeAttempt(TENANT, "https://hooks.example.com/hook"))
                .getMessage().startsWith("not looked up now"));
        assertEquals("hooks.example.com", policy.check("ten_other", "https://hooks.example.com/hook").uri().getHost(),
                "another tenant's lookup is not held up");
        slowServer.countDown(); // the slow lookups end: the tenant may look up again
        for (int i = 0; i < 200 && problemOf(() -> policy.check(TENANT, "https://hooks.example.com/hook")) != null; i++) {
            Thread.sleep(10);
        }
        assertEquals("hooks.example.com", policy.check(TENANT, "https://hooks.example.com/hook").uri().getHost());
    }

    /**
     * The per-tenant bound alone left the threads unbounded over all tenants (4 x the tenants with slow name servers):
     * now the replica has at most realskin.webhooks.lookups-total in progress. One more is 503 server-busy when a URL is
     * given, an attempt not made (postponed) before a delivery, counted for the operator, and the gauge shows them.
     */
    @Test
    void theLookupsInProgressAreBoundedOverAllTenantsToo() throws Exception {
        CountDownLatch slowServer = new CountDownLatch(1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WebhookUrlPolicy policy = new WebhookUrlPolicy(TestGatewayConfig.with(Map.of("realskin.webhooks.lookup-timeout", "20ms",
                "realskin.webhooks.lookups-per-tenant", "2", "realskin.webhooks.lookups-total", "3")), slowUntil(slowServer), registry);
        try {
            refused(policy, "https://a.slow.example/hook");
            refused(policy, "https://b.slow.example/hook");
            assertEquals("c.slow.example is not a public address",
                    refused(policy, "ten_second", "https://c.slow.example/hook").problem().detail());
            assertEquals(3.0, registry.get("realskin.gateway.webhook.lookups.in.progress").gauge().value());

            ProblemException busy = assertThrows(ProblemException.class, () -> policy.check("ten_third", "https://hooks.example.com/hook"),
                    "a third tenant, under its own bound, finds the replica's taken");
            assertEquals(ProblemTypes.SERVER_BUSY.uri(), busy.problem().type());
            assertEquals(503, busy.problem().status());
            assertEquals("1", busy.headers().get("Retry-After"));
            WebhookUrlPolicy.NotNow notNow = assertThrows(WebhookUrlPolicy.NotNow.class,
                    () -> policy.checkBeforeAttempt("ten_third", "https://hooks.example.com/hook"));
            assertTrue(notNow.congested, notNow.getMessage());
            assertEquals("not looked up now: this server's webhook host lookups in progress are at their bound (3)", notNow.getMessage());
            assertEquals(2.0, registry.get("realskin.gateway.webhook.lookups.refused").tag("reason", "replica").counter().count());
            assertEquals(0.0, registry.get("realskin.gateway.webhook.lookups.refused").tag("reason", "tenant").counter().count());
        } finally {
            slowServer.countDown();
        }
        for (int i = 0; i < 200 && registry.get("realskin.gateway.webhook.lookups.in.progress").gauge().value() > 0; i++) {
            Thread.sleep(10);
        }
        assertEquals("hooks.example.com", policy.check("ten_third", "https://hooks.example.com/hook").uri().getHost());
    }

    @Test
    void theReplicasBoundIsAtLeastATenantsBound() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WebhookUrlPolicy(TestGatewayConfig.with(
                Map.of("realskin.webhooks.lookups-per-tenant", "4", "realskin.webhooks.lookups-total", "3"))));
        assertTrue(e.getMessage().startsWith("realskin.webhooks.lookups-total must be at least"), e.getMessage());
    }

    /** A resolver whose names under slow.example answer only once {@code slowServer} is counted down; others at once. */
    private static WebhookHostLookups.Resolver slowUntil(CountDownLatch slowServer) {
        return host -> {
            if (host.endsWith(".slow.example")) {
                try {
                    slowServer.await();
                } catch (InterruptedException e) {
                    throw new UnknownHostException(host);
                }
            }
            return new InetAddress[] {InetAddress.getByName("93.184.215.14")};
        };
    }

    /** The problem {@code call} throws, or null when it returns. */
    private static ProblemException problemOf(Runnable call) {
        try {
            call.run();
            return null;
        } catch (ProblemException e) {
            return e;
        }
    }

    private ProblemException refused(String url) {
        return refused(policy, url);
    }

    private static ProblemException refused(WebhookUrlPolicy policy, String url) {
        return refused(policy, TENANT, url);
    }

    private static ProblemException refused(WebhookUrlPolicy policy, String tenant, String url) {
        ProblemException e = assertThrows(ProblemException.class, () -> policy.check(tenant, url), url);
        assertEquals(REFUSED, e.problem().type());
        assertEquals(400, e.problem().status());
        return e;
    }
}
