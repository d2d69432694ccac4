package io.kyso.signer.crash;

import io.kyso.signer.testing.Postgres;

import java.util.Map;

/** The databases the service runs on: the embedded default of {@code scripts/run}, and PostgreSQL. */
enum CrashDatabase {
    /** H2 in the data folder, what {@code scripts/run} uses: no setting at all. */
    H2 {
        @Override
        Map<String, String> settings() {
            return Map.of();
        }
    },
    /** A fresh database on the tests' throw-away cluster, which lives on while the service dies. */
    POSTGRESQL {
        @Override
        Map<String, String> settings() {
            return Map.of("KYSO_DB_URL", Postgres.cluster().newDatabase(), "KYSO_DB_USER", Postgres.USER,
                    "KYSO_DB_PASSWORD", "");
        }
    };

    /** The environment variables that point a new service at a new, empty database of this kind. */
    abstract Map<String, String> settings();
}
