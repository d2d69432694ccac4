package io.kyso.signer.webhook;

import io.micronaut.context.env.Environment;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where Kyso may send a callback. A callback is a request Kyso makes on a portal's behalf, so a URL
 * that points into Kyso's own network (loopback, private, link-local, carrier-grade NAT, multicast —
 * and the cloud metadata address 169.254.169.254) would let a portal reach what it must not (SSRF).
 * Outside development: {@code https} only, and every address the host resolves to must be public,
 * both when the request is created and again at each delivery (a DNS answer can change); a delivery
 * connects to an address of that very answer, never resolving the host again. The
 * development environment ({@code kyso.dev.local-callbacks}) also allows {@code http} and this
 * machine, for a portal running beside Kyso.
 */
@Singleton
public class CallbackUrlPolicy {
    private final boolean localAllowed;
    private final HostResolver resolver;

    /** Resolves a host name to every address it has. */
    @FunctionalInterface
    public interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A callback URL that may not be used, and why (safe to show to the portal). */
    public static final class RefusedException extends Exception {
        RefusedException(String reason) {
            super(reason);
        }
    }

    @Inject
    public CallbackUrlPolicy(Environment environment, HostResolver resolver) {
        this(environment.getActiveNames().contains(Environment.DEVELOPMENT)
                && environment.getProperty("kyso.dev.local-callbacks", Boolean.class).orElse(false), resolver);
    }

    public CallbackUrlPolicy(boolean localAllowed, HostResolver resolver) {
        this.localAllowed = localAllowed;
        this.resolver = resolver;
    }

    /** The URL, if a callback may go there; the addresses its host has now are checked. */
    public URI requireAllowed(String url) throws RefusedException {
        URI uri = parse(url);
        resolveAllowed(uri);
        return uri;
    }

    /**
     * The host's addresses, every one of them allowed; a host that does not resolve is refused. Connect
     * to these, not to the host name: resolving it again could give another answer.
     */
    public List<InetAddress> resolveAllowed(URI uri) throws RefusedException {
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new RefusedException("its host \"" + uri.getHost() + "\" cannot be resolved");
        }
        for (InetAddress address : addresses) {
            if (!localAllowed && !isPublic(address)) {
                throw new RefusedException("its host \"" + uri.getHost() + "\" resolves to "
                        + address.getHostAddress() + ", which is not a public address");
            }
        }
        return List.of(addresses);
    }

    private URI parse(String url) throws RefusedException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new RefusedException("it is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || (localAllowed && scheme.equals("http")))) {
            throw new RefusedException("it must be an absolute https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new RefusedException("it has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new RefusedException("it must not carry credentials");
        }
        return uri;
    }

    /** True for an address on the public internet: none of the special-purpose ranges Kyso could reach privately. */
    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                        // 0.0.0.0/8 "this network"
                    && !(first == 100 && (second & 0xc0) == 64)      // 100.64.0.0/10 carrier-grade NAT
                    && !(first == 192 && second == 0 && b[2] == 0)   // 192.0.0.0/24 protocol assignments
                    && !(first == 198 && (second & 0xfe) == 18)      // 198.18.0.0/15 benchmarking
                    && first < 240;                                  // 240.0.0.0/4 reserved, broadcast
        }
        if (address instanceof Inet6Address v6) {
            if ((b[0] & 0xfe) == 0xfc) {                             // fc00::/7 unique local
                return false;
            }
            // ::a.b.c.d (IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64) reach the IPv4 address inside
            return !(v6.isIPv4CompatibleAddress() || isNat64(b)) || isPublic(embeddedIpv4(b));
        }
        return false;
    }

    private static boolean isNat64(byte[] b) {
        return b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && Arrays.equals(b, 4, 12, new byte[8], 0, 8);
    }

    private static InetAddress embeddedIpv4(byte[] b) {
        try {
            return InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
