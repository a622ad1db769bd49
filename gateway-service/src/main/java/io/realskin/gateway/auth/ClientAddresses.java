package io.realskin.gateway.auth;

import io.vertx.core.net.SocketAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which bucket a client address's failed authentications go to: the IPv4 address itself, or the /64 network of an
 * IPv6 address (one host usually holds a whole /64, so counting single IPv6 addresses would be no limit at all).
 * The address is the connection's peer, or the proxy-forwarded client when {@code quarkus.http.proxy.*} trusts a proxy.
 */
public final class ClientAddresses {
    public static String bucketOf(SocketAddress address) {
        if (address == null || address.hostAddress() == null) {
            return "unknown";
        }
        return bucketOf(address.hostAddress());
    }

    static String bucketOf(String hostAddress) {
        if (hostAddress.indexOf(':') < 0) {
            return hostAddress;
        }
        try {
            InetAddress parsed = InetAddress.getByName(hostAddress); // a literal: no lookup
            if (parsed instanceof Inet6Address v6) {
                byte[] b = v6.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString(((b[i] & 0xff) << 8) | (b[i + 1] & 0xff))).append(':');
                }
                return prefix.append(":/64").toString();
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return hostAddress;
        }
    }

    private ClientAddresses() {
    }
}
