package io.kyso.signer.persistence;

import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What a committed transaction still needs before Kyso may answer that it happened: nothing more on
 * PostgreSQL, whose commit returns once its WAL record is flushed; a flush of the database file on
 * the embedded H2, whose commits are in memory until its writer stores them (half a second later by
 * default, lost to a {@code kill -9} or a power cut in between).
 *
 * <p>H2: {@code CHECKPOINT SYNC} writes every committed change to the file and forces it to the
 * device; callers share flushes through {@link GroupCommit}, so concurrent requests pay one flush
 * per group, not one each. PostgreSQL: its {@code fsync} and {@code synchronous_commit} settings
 * are read at start-up; with either off, a commit is not durable, and the service refuses to start
 * outside the development environment (the throw-away test clusters run with {@code fsync=off}).
 */
@Singleton
public class CommitDurability {
    private static final Logger LOG = LoggerFactory.getLogger(CommitDurability.class);
    /** A development setting (refused outside {@code dev} like every {@code kyso.dev.*}): for benchmarks. */
    static final String UNSAFE = "kyso.dev.unsafe-commits";

    private final GroupCommit groupCommit;

    public CommitDurability(DataSource dataSource, Environment environment) {
        Engine engine = Engine.of(dataSource);
        boolean development = environment.getActiveNames().contains(Environment.DEVELOPMENT);
        // benchmarks only: the price of durability, measured against commits that skip the flush
        boolean unsafe = development && environment.getProperty(UNSAFE, Boolean.class).orElse(false);
        if (unsafe) {
            LOG.warn("{}: commits are NOT flushed before answers; a crash can undo acknowledged changes", UNSAFE);
        }
        this.groupCommit = engine == Engine.H2 && !unsafe ? new GroupCommit(() -> checkpointSync(dataSource)) : null;
        if (engine == Engine.POSTGRESQL) {
            requireDurablePostgresql(dataSource, development);
        }
    }

    /** Returns once the transactions this thread committed are on stable storage. */
    public void awaitDurable() {
        if (groupCommit != null) {
            groupCommit.awaitDurable();
        }
    }

    private enum Engine {
        H2, POSTGRESQL, OTHER;

        static Engine of(DataSource dataSource) {
            try (Connection c = dataSource.getConnection()) {
                String name = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
                return name.contains("h2") ? H2 : name.contains("postgres") ? POSTGRESQL : OTHER;
            } catch (SQLException e) {
                throw new ConfigurationException("kyso.db.url: cannot connect to the database: " + e.getMessage(), e);
            }
        }
    }

    private static void checkpointSync(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        } catch (SQLException e) {
            throw new KysoException(Problem.of(ErrorCode.DATABASE_UNAVAILABLE,
                    "The database could not write to disk; what was asked may not be kept. Try again in a moment.")
                    .withRetryAfter(10), e);
        }
    }

    private static void requireDurablePostgresql(DataSource dataSource, boolean development) {
        String fsync = setting(dataSource, "fsync");
        String synchronousCommit = setting(dataSource, "synchronous_commit");
        String unsafe = "off".equals(fsync) ? "fsync=off"
                : "off".equals(synchronousCommit) ? "synchronous_commit=off" : null;
        if (unsafe == null) {
            return;
        }
        String message = "kyso.db.url: the PostgreSQL server runs with " + unsafe
                + ": a crash or power cut can undo transactions Kyso has already acknowledged";
        if (!development) {
            throw new ConfigurationException(message + "; turn it on (docs/operations.md, \"Durability\")");
        }
        LOG.warn("{} (tolerated in the development environment only)", message);
    }

    private static String setting(DataSource dataSource, String name) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW " + name)) {
            return rs.next() ? rs.getString(1).toLowerCase(Locale.ROOT) : "";
        } catch (SQLException e) {
            throw new ConfigurationException("kyso.db.url: cannot read the server's " + name + " setting: "
                    + e.getMessage(), e);
        }
    }
}
