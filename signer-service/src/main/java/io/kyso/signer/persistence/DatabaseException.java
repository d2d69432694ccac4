package io.kyso.signer.persistence;

import java.sql.SQLException;

/** An SQL failure that is not an outage: a bug or a violated constraint. */
public class DatabaseException extends RuntimeException {
    public DatabaseException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }

    /** True when a unique or primary-key constraint was violated (SQLSTATE 23505 on H2 and PostgreSQL). */
    public boolean isUniqueViolation() {
        return "23505".equals(sqlException().getSQLState());
    }
}
