package dev.switchboard.api.byok;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import dev.switchboard.api.error.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BaseUrlGuardTest {

    private static final ByokProperties STRICT = new ByokProperties(false, Duration.ofSeconds(10));

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
            "100.64.0.1", "::1", "fd00::1", "fe80::1", "::ffff:10.0.0.1", "224.0.0.1", "255.255.255.255"})
    void nonPublicAddressesAreNotPublic(String literal) throws UnknownHostException {
        assertThat(BaseUrlGuard.isPublic(InetAddress.getByName(literal))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"})
    void publicAddressesArePublic(String literal) throws UnknownHostException {
        assertThat(BaseUrlGuard.isPublic(InetAddress.getByName(literal))).isTrue();
    }

    @Test
    void aNameIsRefusedWhenAnyOfItsAddressesIsPrivate() {
        BaseUrlGuard guard = new BaseUrlGuard(STRICT, host -> new InetAddress[] {
                InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.5")});
        StepVerifier.create(guard.check("https://models.example.com/v1"))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ApiException.class)
                        .hasMessageContaining("models.example.com is refused"))
                .verify();
    }

    @Test
    void aNameThatRebindsToAPrivateAddressIsRefusedOnTheNextCheck() {
        Map<Integer, String> answers = new java.util.concurrent.ConcurrentHashMap<>(Map.of(0, "93.184.215.14"));
        BaseUrlGuard guard = new BaseUrlGuard(STRICT, host -> new InetAddress[] {InetAddress.getByName(answers.get(0))});
        StepVerifier.create(guard.check("https://rebind.example.com/v1"))
                .expectNext("https://rebind.example.com/v1")
                .verifyComplete();
        answers.put(0, "127.0.0.1");
        StepVerifier.create(guard.check("https://rebind.example.com/v1"))
                .expectError(ApiException.class)
                .verify();
    }

    @Test
    void anUnresolvableHostIsRefused() {
        BaseUrlGuard guard = new BaseUrlGuard(STRICT, host -> {
            throw new UnknownHostException(host);
        });
        StepVerifier.create(guard.check("https://nowhere.invalid"))
                .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("does not resolve"))
                .verify();
    }

    @Test
    void privateAddressesPassWhenTheOperatorAllowsThem() {
        BaseUrlGuard guard = new BaseUrlGuard(new ByokProperties(true, Duration.ofSeconds(10)), host -> {
            throw new AssertionError("no resolution needed");
        });
        StepVerifier.create(guard.check("http://10.0.0.5:8000/v1")).expectNext("http://10.0.0.5:8000/v1").verifyComplete();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com", "file:///etc/passwd", "https://user:pw@example.com", "not a url",
            "https:///nohost", "https://example.com/v1?x=1"})
    void malformedOrUnsupportedUrlsAreA400(String url) {
        BaseUrlGuard guard = new BaseUrlGuard(STRICT, host -> new InetAddress[] {InetAddress.getByName("93.184.215.14")});
        assertThatThrownBy(() -> guard.check(url).block()).isInstanceOf(ApiException.class);
    }

    /**
     * The production guard's connect-time lookup (Netty's asynchronous resolver, which honours
     * /etc/hosts) refuses a name that resolves to loopback, and an IP literal, on the connecting
     * event loop itself.
     */
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1", "169.254.169.254"})
    void theProductionConnectLookupRefusesNonPublicAnswersOnTheEventLoop(String host) throws Exception {
        AddressResolverGroup<InetSocketAddress> resolvers = new BaseUrlGuard(STRICT).connectResolver().orElseThrow();
        MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            EventLoop loop = loops.next();
            Future<InetSocketAddress> answer = loop.submit(() -> resolvers.getResolver(loop)
                    .resolve(InetSocketAddress.createUnresolved(host, 443))).get(10, TimeUnit.SECONDS);
            assertThat(answer.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(answer.cause()).isInstanceOf(ApiException.class).hasMessageContaining(host);
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
