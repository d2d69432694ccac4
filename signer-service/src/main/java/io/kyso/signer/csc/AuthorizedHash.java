package io.kyso.signer.csc;

import java.time.Instant;

/**
 * One hash a credential authorization covers, as the portal sent it, with the label the citizen saw.
 *
 * @param digestHex the hash, lowercase hex
 * @param label     the document's label, if the portal gave one
 * @param signedAt  when it was signed, or null: each hash is signed at most once
 */
public record AuthorizedHash(int position, String digestHex, String label, Instant signedAt) {
}
