package io.kyso.signer.support;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of a call that takes no options: none, or {@code {}}. A field in it is refused (400
 * {@code request.unknown_field}) like any unknown field, so that a portal that believes it passes an
 * option, e.g. which documents to reject, hears that the call has none rather than seeing it ignored.
 */
@Serdeable
public record NoFields() {
}
