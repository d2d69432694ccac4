package io.kyso.signer.factor;

import io.kyso.signer.delivery.OtpChannel;
import io.kyso.signer.persistence.Jdbc;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.secrets.Secret;
import io.kyso.signer.secrets.Secrets;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * One-time codes that prove a citizen holds a phone or an email address, outside signing requests
 * (which have their own, bound to the documents). A code is 6 digits from a CSPRNG; only
 * HMAC-SHA256(key, purpose ‖ subject ‖ channel ‖ recipient ‖ code) is stored, so a code works for
 * one purpose, one subject (an activation link, a login, an invitation) and the one address it was
 * sent to, once. Wrong codes are counted; the last allowed one locks the code. The key is derived
 * from the code key (secret {@code otp-hash-key}), like the pages' CSRF key. Thread-safe.
 */
@Singleton
public class FactorCodes {
    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;
    private final FactorConfiguration config;
    private final Clock clock;

    public FactorCodes(Secrets secrets, FactorConfiguration config, Clock clock) {
        byte[] codeKey = Base64.getDecoder().decode(secrets.require(Secret.OTP_HASH_KEY).strip());
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(codeKey, "HmacSHA256"),
                "kyso-factor-code-v1".getBytes(StandardCharsets.US_ASCII)), "HmacSHA256");
        this.config = config;
        this.clock = clock;
    }

    /** A code to send to {@code recipient}. The code is a secret: never logged. */
    public record Issued(Recipient recipient, String code, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[" + recipient.channel() + ", code=(hidden), expiresAt=" + expiresAt + "]";
        }
    }

    /** What presenting codes did. {@code attemptsLeft} is meaningful for {@link Outcome#WRONG}. */
    public record Check(Outcome outcome, int attemptsLeft) {
        public boolean accepted() {
            return outcome == Outcome.ACCEPTED;
        }
    }

    public enum Outcome { ACCEPTED, WRONG, EXPIRED, LOCKED }

    /** How long a code lives, for the messages that carry one. */
    public Duration lifetime() {
        return config.codeLifetime();
    }

    /** A first code for {@code subject} to {@code to}; replaces any earlier code of this purpose, subject and channel. */
    public Issued issue(Connection c, FactorPurpose purpose, String subject, Recipient to) throws SQLException {
        discard(c, purpose, subject, to.channel());
        String code = String.format("%06d", random.nextInt(1_000_000));
        Instant now = clock.instant();
        Instant expiresAt = now.plus(config.codeLifetime());
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO factor_code (id, purpose, subject, channel, recipient, code_hash, expires_at, last_sent_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, purpose.name());
            insert.setString(3, subject);
            insert.setString(4, to.channel().name());
            insert.setString(5, to.address());
            insert.setString(6, hash(purpose, subject, to, code));
            Jdbc.setInstant(insert, 7, expiresAt);
            Jdbc.setInstant(insert, 8, now);
            insert.executeUpdate();
        }
        return new Issued(to, code, expiresAt);
    }

    /**
     * A new code for every channel {@code subject} has codes on, within the resend limits (the same as
     * for signing codes: {@code otp.resend_limit}, {@code otp.resend_too_soon}). Wrong codes entered
     * before still count.
     */
    public List<Issued> reissue(Connection c, FactorPurpose purpose, String subject) throws SQLException {
        List<Stored> stored = find(c, purpose, subject);
        Instant now = clock.instant();
        List<Issued> issued = new ArrayList<>();
        for (Stored s : stored) {
            if (s.sentCount() > config.maxResends()) {
                throw new KysoException(ErrorCode.OTP_RESEND_LIMIT,
                        "No more codes can be sent (" + config.maxResends() + " resends at most).");
            }
            Instant next = s.lastSentAt().plus(config.resendInterval());
            if (now.isBefore(next)) {
                long wait = Duration.between(now, next).toSeconds() + 1;
                throw new KysoException(Problem.of(ErrorCode.OTP_RESEND_TOO_SOON,
                        "A code was sent moments ago; wait " + wait + " seconds.").withRetryAfter(wait));
            }
        }
        for (Stored s : stored) {
            String code = String.format("%06d", random.nextInt(1_000_000));
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE factor_code SET code_hash = ?, expires_at = ?, last_sent_at = ?, sent_count = sent_count + 1
                    WHERE id = ?""")) {
                update.setString(1, hash(purpose, subject, s.recipient(), code));
                Jdbc.setInstant(update, 2, now.plus(config.codeLifetime()));
                Jdbc.setInstant(update, 3, now);
                update.setObject(4, s.id());
                update.executeUpdate();
            }
            issued.add(new Issued(s.recipient(), code, now.plus(config.codeLifetime())));
        }
        return issued;
    }

    /**
     * Checks the code given for each channel {@code subject} has a code on ({@code presented} answers
     * the code typed for a channel, or null). All right: every code is spent, {@code ACCEPTED}. Any
     * wrong: a failure is counted on each wrong one, nothing is spent. No code at all (none was sent,
     * or it was used): {@code EXPIRED}, like an expired one.
     */
    public Check verify(Connection c, FactorPurpose purpose, String subject, Function<OtpChannel, String> presented)
            throws SQLException {
        List<Stored> stored = find(c, purpose, subject);
        Instant now = clock.instant();
        if (stored.isEmpty()) {
            return new Check(Outcome.EXPIRED, 0);
        }
        int mostFailures = stored.stream().mapToInt(Stored::failedAttempts).max().orElse(0);
        if (mostFailures >= config.maxAttempts()) {
            return new Check(Outcome.LOCKED, 0);
        }
        if (stored.stream().anyMatch(s -> s.codeHash() == null || !now.isBefore(s.expiresAt()))) {
            return new Check(Outcome.EXPIRED, 0);
        }
        List<Stored> wrong = stored.stream().filter(s -> !matches(purpose, subject, s, presented.apply(s.channel())))
                .toList();
        if (!wrong.isEmpty()) {
            for (Stored s : wrong) {
                countFailure(c, s.id());
            }
            int left = config.maxAttempts() - (mostFailures + 1);
            return new Check(left <= 0 ? Outcome.LOCKED : Outcome.WRONG, Math.max(left, 0));
        }
        for (Stored s : stored) {
            if (!spend(c, s)) {
                return new Check(Outcome.EXPIRED, 0); // used at the same moment by another call
            }
        }
        return new Check(Outcome.ACCEPTED, config.maxAttempts() - mostFailures);
    }

    /** Whether {@code subject} has a code waiting on {@code channel}. */
    public boolean hasCode(Connection c, FactorPurpose purpose, String subject, OtpChannel channel) throws SQLException {
        return find(c, purpose, subject).stream().anyMatch(s -> s.channel() == channel);
    }

    /** Where the code of {@code subject} on {@code channel} was sent (a new phone or email the citizen is proving). */
    public java.util.Optional<Recipient> recipientOf(Connection c, FactorPurpose purpose, String subject,
                                                     OtpChannel channel) throws SQLException {
        return find(c, purpose, subject).stream().filter(s -> s.channel() == channel).map(Stored::recipient).findFirst();
    }

    /** Removes every code of {@code subject} for {@code purpose}. */
    public void discard(Connection c, FactorPurpose purpose, String subject) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM factor_code WHERE purpose = ? AND subject = ?")) {
            delete.setString(1, purpose.name());
            delete.setString(2, subject);
            delete.executeUpdate();
        }
    }

    private void discard(Connection c, FactorPurpose purpose, String subject, OtpChannel channel) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM factor_code WHERE purpose = ? AND subject = ? AND channel = ?")) {
            delete.setString(1, purpose.name());
            delete.setString(2, subject);
            delete.setString(3, channel.name());
            delete.executeUpdate();
        }
    }

    private record Stored(UUID id, OtpChannel channel, Recipient recipient, String codeHash, Instant expiresAt,
                          int sentCount, Instant lastSentAt, int failedAttempts) {
    }

    private List<Stored> find(Connection c, FactorPurpose purpose, String subject) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT * FROM factor_code WHERE purpose = ? AND subject = ? ORDER BY channel")) {
            select.setString(1, purpose.name());
            select.setString(2, subject);
            List<Stored> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    OtpChannel channel = OtpChannel.valueOf(rs.getString("channel"));
                    found.add(new Stored(rs.getObject("id", UUID.class), channel,
                            new Recipient(channel, rs.getString("recipient")), rs.getString("code_hash"),
                            Jdbc.getInstant(rs, "expires_at"), rs.getInt("sent_count"),
                            Jdbc.getInstant(rs, "last_sent_at"), rs.getInt("failed_attempts")));
                }
            }
            return found;
        }
    }

    private boolean matches(FactorPurpose purpose, String subject, Stored s, String code) {
        if (code == null || !code.strip().matches("\\d{6}")) {
            return false;
        }
        return MessageDigest.isEqual(s.codeHash().getBytes(StandardCharsets.US_ASCII),
                hash(purpose, subject, s.recipient(), code.strip()).getBytes(StandardCharsets.US_ASCII));
    }

    private static void countFailure(Connection c, UUID id) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE factor_code SET failed_attempts = failed_attempts + 1 WHERE id = ?")) {
            update.setObject(1, id);
            update.executeUpdate();
        }
    }

    private static boolean spend(Connection c, Stored s) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE factor_code SET code_hash = NULL WHERE id = ? AND code_hash = ?")) {
            update.setObject(1, s.id());
            update.setString(2, s.codeHash());
            return update.executeUpdate() == 1;
        }
    }

    private String hash(FactorPurpose purpose, String subject, Recipient to, String code) {
        String input = String.join("\u0000", purpose.name(), subject, to.channel().name(), to.address(), code);
        return HexFormat.of().formatHex(hmac(key, input.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
