package io.kyso.signer.webhook;

import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves callback hosts with the system's resolver (the JDK's cache included). The one place a
 * callback's host name becomes addresses: {@link CallbackUrlPolicy} checks what it answers and
 * {@link WebhookSender} connects to exactly that, so that a DNS answer that changes in between
 * (rebinding) cannot lead a delivery elsewhere.
 */
@Singleton
public class SystemHostResolver implements CallbackUrlPolicy.HostResolver {
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
