package io.kyso.client;


import java.util.Objects;
import java.util.UUID;

/** {@link Citizens} over {@code /api/v1/citizens}. */
final class HttpCitizens implements Citizens {
    private static final String PATH = "/api/v1/citizens";

    private final Transport transport;

    HttpCitizens(Transport transport) {
        this.transport = transport;
    }

    @Override
    public Citizen enroll(EnrollCitizen citizen) {
        Objects.requireNonNull(citizen, "citizen");
        return Models.citizen(transport.json(Transport.Call.postJson(PATH, Models.toJson(citizen))));
    }

    @Override
    public Citizen get(UUID citizenId) {
        return Models.citizen(transport.json(Transport.Call.get(PATH + "/" + Objects.requireNonNull(citizenId))));
    }
}
