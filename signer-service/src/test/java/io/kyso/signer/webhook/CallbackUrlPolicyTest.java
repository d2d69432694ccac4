package io.kyso.signer.webhook;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which addresses a callback may reach outside development (SSRF), with a DNS of the test's making. */
class CallbackUrlPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255", "192.0.0.8",
            "198.18.0.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1",
            "::ffff:127.0.0.1", "::10.0.0.1", "64:ff9b::a00:1", "64:ff9b::7f00:1"})
    void shouldRefuseAddressesOfPrivateOrSpecialNetworks(String address) throws UnknownHostException {
        assertFalse(CallbackUrlPolicy.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "203.0.113.7", "100.63.255.255", "100.128.0.1", "172.32.0.1", "2001:4860::8888",
            "64:ff9b::808:808"})
    void shouldAllowPublicAddresses(String address) throws UnknownHostException {
        assertTrue(CallbackUrlPolicy.isPublic(InetAddress.getByName(address)), address);
    }

    @Test
    void shouldRefuseAHostWithAnyPrivateAddressAmongItsAnswers() throws Exception {
        CallbackUrlPolicy policy = new CallbackUrlPolicy(false, dns(Map.of(
                "portal.example.vn", List.of("203.0.113.7"),
                "rebind.example.vn", List.of("203.0.113.7", "10.0.0.5"))));
        assertEquals(URI.create("https://portal.example.vn/kyso"), policy.requireAllowed("https://portal.example.vn/kyso"));
        CallbackUrlPolicy.RefusedException e = assertThrows(CallbackUrlPolicy.RefusedException.class,
                () -> policy.requireAllowed("https://rebind.example.vn/kyso"));
        assertTrue(e.getMessage().contains("10.0.0.5"), e.getMessage());
        assertThrows(CallbackUrlPolicy.RefusedException.class, () -> policy.requireAllowed("https://unknown.example.vn/"));
    }

    @Test
    void shouldAllowHttpAndThisMachineOnlyForLocalDevelopment() throws Exception {
        CallbackUrlPolicy strict = new CallbackUrlPolicy(false, dns(Map.of("portal.example.vn", List.of("203.0.113.7"))));
        assertThrows(CallbackUrlPolicy.RefusedException.class, () -> strict.requireAllowed("http://portal.example.vn/kyso"));
        CallbackUrlPolicy local = new CallbackUrlPolicy(true, InetAddress::getAllByName);
        assertEquals("127.0.0.1", local.requireAllowed("http://127.0.0.1:9000/kyso").getHost());
    }

    private static CallbackUrlPolicy.HostResolver dns(Map<String, List<String>> records) {
        return host -> {
            List<String> addresses = records.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.size()];
            for (int i = 0; i < resolved.length; i++) {
                resolved[i] = InetAddress.getByName(addresses.get(i));
            }
            return resolved;
        };
    }
}
