package io.kyso.signer.persistence;

import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Runs units of work in one JDBC transaction. A database that cannot be reached becomes a 503
 * {@code database.unavailable}; any other SQL failure is a bug and propagates as
 * {@link DatabaseException}.
 *
 * <p>Plain JDBC on purpose: the signing flow depends on conditional updates
 * ({@code UPDATE … WHERE status = ?}) and row locks whose semantics must stay visible in the code.
 */
@Singleton
public class Database {
    private final DataSource dataSource;

    public Database(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A piece of work on an open connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in a transaction, committing on return and rolling back on any exception. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /** Runs read-only {@code work} in auto-commit mode. */
    public <T> T read(Work<T> work) {
        try (Connection connection = open()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    private Connection open() throws SQLException {
        return dataSource.getConnection();
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static RuntimeException translate(SQLException e) {
        if (e instanceof SQLTransientConnectionException || "08".equals(sqlStateClass(e))) {
            return new KysoException(io.kyso.signer.problem.Problem.of(ErrorCode.DATABASE_UNAVAILABLE,
                    "The database cannot be reached. Nothing was changed; try again in a moment.").withRetryAfter(10), e);
        }
        return new DatabaseException(e);
    }

    private static String sqlStateClass(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.length() < 2 ? "" : state.substring(0, 2);
    }
}
