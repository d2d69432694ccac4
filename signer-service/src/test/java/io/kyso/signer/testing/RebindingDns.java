package io.kyso.signer.testing;

import io.kyso.signer.webhook.CallbackUrlPolicy;
import io.kyso.signer.webhook.SystemHostResolver;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A name server the test controls, as an attacker controls the zone of a callback host: each host
 * answers a sequence of addresses, one per question, the last one from then on (e.g. a public address
 * to the check, a private one afterwards). Counts the questions. In a service, it replaces the
 * system's resolver when {@code kyso.test.rebinding-dns} is set, as {@code host=a1,a2,...}.
 */
@Singleton
@Replaces(SystemHostResolver.class)
@Requires(property = RebindingDns.PROPERTY)
public final class RebindingDns implements CallbackUrlPolicy.HostResolver {
    public static final String PROPERTY = "kyso.test.rebinding-dns";

    private final Map<String, List<String>> zone = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> questions = new ConcurrentHashMap<>();

    /** The service's: the zone of {@value #PROPERTY}. */
    public RebindingDns(@Property(name = PROPERTY) String zone) {
        int eq = zone.indexOf('=');
        this.zone.put(zone.substring(0, eq), Arrays.asList(zone.substring(eq + 1).split(",")));
    }

    /** {@code host} answers {@code addresses} (IP literals) in turn, the last one from then on. */
    public static RebindingDns of(String host, String... addresses) {
        return new RebindingDns(host + "=" + String.join(",", addresses));
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        List<String> answers = zone.get(host);
        if (answers == null) {
            throw new UnknownHostException(host);
        }
        int n = questions.computeIfAbsent(host, h -> new AtomicInteger()).getAndIncrement();
        return new InetAddress[] {InetAddress.getByName(answers.get(Math.min(n, answers.size() - 1)))};
    }

    /** How many times {@code host} was asked for. */
    public int questions(String host) {
        AtomicInteger n = questions.get(host);
        return n == null ? 0 : n.get();
    }
}
