package dev.switchboard.api.byok;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultAddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import dev.switchboard.api.error.ApiException;

/**
 * Keeps BYOK base URLs out of the platform's own network (SSRF). A URL is refused when its host
 * resolves to any loopback, unspecified, private (RFC 1918, IPv6 unique-local), carrier-grade NAT,
 * link-local (which includes the cloud metadata address 169.254.169.254) or multicast address.
 *
 * <p>{@link #check} runs when the key is saved (a blocking JDK lookup, on {@code boundedElastic}).
 * That answer cannot be trusted at call time: a name can be re-pointed later, or answer a public
 * address to one lookup and {@code 169.254.169.254} to the next (DNS rebinding, TTL 0). So every
 * call connects through {@link #connectResolver}, which applies the same rule to the very addresses
 * the connection is opened to. {@code switchboard.byok.allow-private-base-urls=true} turns both
 * checks off for operators whose tenants run models on the private network.
 */
@Component
public class BaseUrlGuard {

    private final ByokProperties properties;
    private final HostResolver resolver;
    private final PublicAddressResolverGroup connectResolver;

    @Autowired
    BaseUrlGuard(ByokProperties properties) {
        this(properties, InetAddress::getAllByName, asynchronousDns());
    }

    BaseUrlGuard(ByokProperties properties, HostResolver resolver) {
        this(properties, resolver, DefaultAddressResolverGroup.INSTANCE);
    }

    /** @param connectNames what resolves names when connecting; Netty's default outside tests */
    BaseUrlGuard(ByokProperties properties, HostResolver resolver, AddressResolverGroup<InetSocketAddress> connectNames) {
        this.properties = properties;
        this.resolver = resolver;
        this.connectResolver = new PublicAddressResolverGroup(connectNames, BaseUrlGuard::isPublic);
    }

    /**
     * Netty's asynchronous DNS resolver (name servers from {@code /etc/resolv.conf}, {@code /etc/hosts}
     * honoured) for connect-time lookups: they run on the connecting event loop, where the JDK's
     * blocking lookup (Netty's default group) would stall every request that loop serves.
     */
    static AddressResolverGroup<InetSocketAddress> asynchronousDns() {
        return new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(NioDatagramChannel.class)
                .socketChannelType(NioSocketChannel.class));
    }

    /** Resolves a host name to its addresses; a seam so tests need not depend on public DNS. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** The URL, normalised, when it is well-formed and points only at public addresses; a 400 otherwise. */
    public Mono<String> check(String baseUrl) {
        URI uri = parse(baseUrl);
        if (properties.allowPrivateBaseUrls()) {
            return Mono.just(uri.toString());
        }
        return Mono.fromCallable(() -> resolver.resolve(uri.getHost()))
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(UnknownHostException.class, e -> new AddressRefused(uri.getHost(), "its host does not resolve"))
                .map(addresses -> {
                    for (InetAddress address : addresses) {
                        if (!isPublic(address)) {
                            throw refusedAddress(uri.getHost());
                        }
                    }
                    return uri.toString();
                });
    }

    /**
     * The resolver a BYOK call to a custom base URL must connect with: it refuses, when connecting,
     * a name that resolves to any non-public address. Empty when the operator allows private base URLs.
     */
    public Optional<AddressResolverGroup<InetSocketAddress>> connectResolver() {
        return properties.allowPrivateBaseUrls() ? Optional.empty() : Optional.of(connectResolver);
    }

    private static URI parse(String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl.strip());
        } catch (URISyntaxException e) {
            throw ApiException.badRequest("base_url is not a valid URL");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !List.of("http", "https").contains(scheme.toLowerCase())) {
            throw ApiException.badRequest("base_url must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw ApiException.badRequest("base_url must name a host");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw ApiException.badRequest("base_url must not carry credentials, a query or a fragment");
        }
        return uri;
    }

    /** The 400 for a base URL whose host resolves, now, to an address that is not public. */
    static AddressRefused refusedAddress(String host) {
        return new AddressRefused(host, "it resolves to a non-public address");
    }

    /**
     * A base URL refused for where its host points; its own type so that a refusal raised while
     * connecting is told apart from any other client error on the way back.
     */
    static final class AddressRefused extends ApiException {

        private AddressRefused(String host, String why) {
            super(HttpStatus.BAD_REQUEST, "base_url " + host + " is refused: " + why
                    + "; only public addresses are allowed", Map.of("host", host));
        }
    }

    /** True for globally routable unicast addresses only. */
    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first != 0                                     // "this network"
                    && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT 100.64/10
                    && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    && !(first == 198 && (second == 18 || second == 19))   // benchmarking
                    && first < 240;                               // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {                          // unique local fc00::/7
                return false;
            }
            if (isIpv4Mapped(b)) {                                // ::ffff:a.b.c.d hides an IPv4 address
                try {
                    return isPublic(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException impossible) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isIpv4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }
}
