package io.kyso.signer.audit;

import io.kyso.signer.portal.Portal;

import java.util.Objects;
import java.util.UUID;

/**
 * Who did what an audit entry records: a portal (through the API), a citizen (on a Kyso page, or by
 * their confirmation), or the service itself. Stored as {@code portal:<id>}, {@code citizen:<id>}
 * or {@code system}.
 */
public record Actor(Kind kind, String id) {
    public static final Actor SYSTEM = new Actor(Kind.SYSTEM, null);

    public enum Kind { PORTAL, CITIZEN, SYSTEM }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.SYSTEM) != (id == null)) {
            throw new IllegalArgumentException(kind + " actor " + (id == null ? "needs" : "takes no") + " id");
        }
    }

    public static Actor of(Portal portal) {
        return new Actor(Kind.PORTAL, portal.id());
    }

    public static Actor citizen(UUID citizenId) {
        return new Actor(Kind.CITIZEN, citizenId.toString());
    }

    /** As stored: {@code portal:<id>}, {@code citizen:<id>}, {@code system}. */
    @Override
    public String toString() {
        return kind == Kind.SYSTEM ? "system" : kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + id;
    }
}
