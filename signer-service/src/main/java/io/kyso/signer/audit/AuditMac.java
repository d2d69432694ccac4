package io.kyso.signer.audit;

import io.kyso.hsm.HsmException;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyNotFoundException;
import io.kyso.hsm.TokenUnavailableException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit entries' MACs: HMAC-SHA256 under a generic secret key that only the HSM holds
 * ({@code kyso.audit.mac-key}). Whoever can write the database but not use the HSM cannot give an
 * entry he edited, moved or invented a MAC that verifies. The key is created when the token has none,
 * and checked (sensitive, never extractable, for MACs only) at start-up; an HSM that cannot be reached
 * then does not stop the start: entries wait unchained until it is back.
 */
@Singleton
public class AuditMac {
    private static final Logger LOG = LoggerFactory.getLogger(AuditMac.class);
    private final HsmToken hsm;
    private final String key;
    private volatile boolean ready;
    private volatile boolean createdHere;

    public AuditMac(HsmToken hsm, AuditConfiguration config) {
        this.hsm = hsm;
        this.key = config.macKey();
    }

    /** The start-up check; a key that is not protected as it must be stops the service. */
    void requireKey() {
        try {
            ensureKey();
        } catch (TokenUnavailableException e) {
            LOG.error("HSM unavailable at start-up ({}); audit entries wait unchained until it is back", e.getMessage());
        } catch (HsmException e) {
            throw new IllegalStateException("kyso.audit.mac-key: " + e.getMessage(), e);
        }
    }

    /** Finds the key, or creates it if the token has none; remembers whether this process created it. */
    void ensureKey() {
        if (ready) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            try {
                hsm.requireMacKey(key, false);
            } catch (KeyNotFoundException e) {
                hsm.requireMacKey(key, true);
                createdHere = true;
                LOG.info("Created the audit MAC key '{}' in the HSM", key);
            }
            ready = true;
        }
    }

    /**
     * Whether this process created the MAC key: the first start with MACs, when entries written before
     * (without MACs) are adopted. Only the HSM can say so: no database writer can make it true again.
     */
    boolean createdHere() {
        return createdHere;
    }

    /** The MACs (hex) of the entries' {@link AuditEntry#macMessage()}, in order. */
    List<String> macs(List<byte[]> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        ensureKey();
        List<String> macs = new ArrayList<>(messages.size());
        for (byte[] mac : hsm.mac(key, messages)) {
            macs.add(HexFormat.of().formatHex(mac));
        }
        return macs;
    }

    /** The index of the first entry whose MAC is missing or wrong, or -1 if every one is right. */
    int firstWrong(List<AuditEntry> entries) {
        List<byte[]> messages = new ArrayList<>(entries.size());
        List<byte[]> macs = new ArrayList<>(entries.size());
        for (AuditEntry entry : entries) {
            messages.add(entry.macMessage());
            macs.add(entry.mac() == null || !entry.mac().matches("[0-9a-f]{64}") ? new byte[0]
                    : HexFormat.of().parseHex(entry.mac()));
        }
        if (messages.isEmpty()) {
            return -1;
        }
        List<Boolean> right = hsm.verifyMacs(key, messages, macs);
        return right.indexOf(Boolean.FALSE);
    }
}
