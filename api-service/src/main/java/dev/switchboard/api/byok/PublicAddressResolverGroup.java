package dev.switchboard.api.byok;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * Resolves upstream host names for BYOK calls to a custom base URL and refuses, at connect time,
 * any answer that is not an allowed address ({@link BaseUrlGuard#isPublic} in production). Checking
 * the very addresses the connection is opened to closes DNS rebinding: a name that answers a public
 * address to one lookup and {@code 169.254.169.254} to the next is judged on the answer used.
 *
 * <p>Names are resolved by the wrapped group (Netty's asynchronous DNS resolver in production). IP literals go
 * through the check too: the resolver never reports an address as already resolved. A refusal
 * fails the connect with {@link BaseUrlGuard#refusedAddress}, the 400 a refused base URL gives.
 */
final class PublicAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final AddressResolverGroup<InetSocketAddress> names;
    private final Predicate<InetAddress> allowed;

    PublicAddressResolverGroup(AddressResolverGroup<InetSocketAddress> names, Predicate<InetAddress> allowed) {
        this.names = names;
        this.allowed = allowed;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new Checking(executor, names.getResolver(executor));
    }

    @Override
    public void close() {
        super.close();
        names.close();
    }

    private final class Checking extends AbstractAddressResolver<InetSocketAddress> {

        private final AddressResolver<InetSocketAddress> names;

        Checking(EventExecutor executor, AddressResolver<InetSocketAddress> names) {
            super(executor, InetSocketAddress.class);
            this.names = names;
        }

        /** Never: an already resolved address (an IP literal) must still be checked. */
        @Override
        protected boolean doIsResolved(InetSocketAddress address) {
            return false;
        }

        @Override
        protected void doResolve(InetSocketAddress unresolved, Promise<InetSocketAddress> promise) {
            relay(unresolved, names.resolve(unresolved), promise, List::of);
        }

        @Override
        protected void doResolveAll(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise) {
            relay(unresolved, names.resolveAll(unresolved), promise, addresses -> addresses);
        }

        /** Passes the wrapped resolver's answer on only when every address in it is allowed. */
        private <T> void relay(InetSocketAddress asked, Future<T> answer, Promise<T> promise,
                               Function<T, List<InetSocketAddress>> addresses) {
            answer.addListener(done -> {
                if (!done.isSuccess()) {
                    promise.tryFailure(done.cause());
                    return;
                }
                T resolved = answer.getNow();
                for (InetSocketAddress address : addresses.apply(resolved)) {
                    if (address.getAddress() == null || !allowed.test(address.getAddress())) {
                        promise.tryFailure(BaseUrlGuard.refusedAddress(asked.getHostString()));
                        return;
                    }
                }
                promise.trySuccess(resolved);
            });
        }
    }
}
