package io.kyso.signer.account;

import io.kyso.signer.audit.Actor;
import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.enrollment.CitizenRepository;
import io.kyso.signer.enrollment.PhoneNumbers;
import io.kyso.signer.factor.FactorCodes;
import io.kyso.signer.factor.FactorMessages;
import io.kyso.signer.factor.FactorPurpose;
import io.kyso.signer.factor.Recipient;
import io.kyso.signer.persistence.Database;
import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;
import io.kyso.signer.problem.Problem;
import io.kyso.signer.support.SecretTokens;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Logging in to the citizen's own page with a code sent to their phone. The page never says
 * whether a number is enrolled: a login for an unknown number gets a code like any other (that no
 * one receives), and the same answers. Codes to one phone are limited per hour, so the page cannot
 * be used to flood someone with messages. A session is a random cookie (its hash stored) that lasts
 * minutes.
 */
@Singleton
public class CitizenSessions {
    private final Database database;
    private final SessionRepository sessions;
    private final CitizenRepository citizens;
    private final FactorCodes codes;
    private final FactorMessages messages;
    private final AuditLog audit;
    private final CitizenPageConfiguration config;
    private final Clock clock;

    public CitizenSessions(Database database, SessionRepository sessions, CitizenRepository citizens,
                           FactorCodes codes, FactorMessages messages, AuditLog audit, CitizenPageConfiguration config,
                           Clock clock) {
        this.database = database;
        this.sessions = sessions;
        this.citizens = citizens;
        this.codes = codes;
        this.messages = messages;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Starts a login for {@code phoneInput}: a new session cookie, and a code to the phone if a
     * credential is enrolled with it. Past the hourly limit of logins for a phone the session gets
     * no code (it can never open), so that at most that many codes, with their attempts each, can
     * be guessed at in an hour.
     *
     * @return the session cookie's value
     */
    public String start(String phoneInput) {
        String phone = normalize(phoneInput);
        String token = SecretTokens.newToken();
        String hash = SecretTokens.sha256(token);
        Instant now = clock.instant();
        Optional<FactorCodes.Issued> toSend = database.inTransaction(c -> {
            int recent = sessions.countSince(c, phone, now.minus(Duration.ofHours(1)));
            sessions.insert(c, hash, phone, now, now.plus(codes.lifetime()));
            if (recent >= config.loginCodesPerHour()) {
                // past the hour's limit a login gets no code at all, sent or not: the number of
                // guesses at a phone's login codes is bounded by it, whoever starts the logins
                return Optional.<FactorCodes.Issued>empty();
            }
            FactorCodes.Issued issued = codes.issue(c, FactorPurpose.LOGIN, hash, Recipient.sms(phone));
            boolean enrolled = !citizens.findByPhone(c, phone).isEmpty();
            return enrolled ? Optional.of(issued) : Optional.empty();
        });
        toSend.ifPresent(code -> messages.send(code.recipient(), text(code)));
        return token;
    }

    /** The session of a cookie, verified or not, if it exists and has not expired. */
    public Optional<CitizenSession> find(String cookie) {
        if (!SecretTokens.looksLikeToken(cookie)) {
            return Optional.empty();
        }
        return database.read(c -> sessions.find(c, SecretTokens.sha256(cookie)))
                .filter(s -> clock.instant().isBefore(s.expiresAt()));
    }

    /** The open (verified, unexpired) session of a cookie, or 401 {@code page.login_required}. */
    public CitizenSession require(String cookie) {
        return find(cookie).filter(s -> s.isOpenAt(clock.instant())).orElseThrow(() ->
                new KysoException(ErrorCode.PAGE_LOGIN_REQUIRED, "Log in with a code sent to your phone first."));
    }

    /** The login's code: opens the session for {@link CitizenPageConfiguration#sessionLifetime()}. */
    public void verify(String cookie, String code) {
        CitizenSession session = find(cookie).orElseThrow(() ->
                new KysoException(ErrorCode.PAGE_LOGIN_REQUIRED, "Start the login again."));
        FactorCodes.Check check = database.inTransaction(c -> {
            FactorCodes.Check k = codes.verify(c, FactorPurpose.LOGIN, session.tokenSha256(), channel -> code);
            if (k.accepted()) {
                Instant now = clock.instant();
                sessions.verified(c, session.tokenSha256(), now, now.plus(config.sessionLifetime()));
                int credentials = citizens.findByPhone(c, session.phone()).size();
                audit.append(c, AuditRecord.of(AuditEventType.CITIZEN_PAGE_LOGIN, Actor.SYSTEM)
                        .detail("credentials:" + credentials).build());
            }
            return k;
        });
        switch (check.outcome()) {
            case ACCEPTED -> {
            }
            case WRONG -> throw new KysoException(Problem.of(ErrorCode.OTP_INVALID,
                    "The code is not valid. " + check.attemptsLeft() + " attempt(s) left.")
                    .withAttemptsLeft(check.attemptsLeft()));
            case EXPIRED -> throw new KysoException(ErrorCode.OTP_EXPIRED, "The code has expired. Ask for a new one.");
            default -> throw new KysoException(ErrorCode.PAGE_LOGIN_REQUIRED,
                    "Too many wrong codes. Start the login again.");
        }
    }

    /** A new login code, within the resend limits (sent only to an enrolled phone, as the first). */
    public void resend(String cookie) {
        CitizenSession session = find(cookie).orElseThrow(() ->
                new KysoException(ErrorCode.PAGE_LOGIN_REQUIRED, "Start the login again."));
        List<FactorCodes.Issued> issued = database.inTransaction(c -> {
            List<FactorCodes.Issued> fresh = codes.reissue(c, FactorPurpose.LOGIN, session.tokenSha256());
            return citizens.findByPhone(c, session.phone()).isEmpty() ? List.<FactorCodes.Issued>of() : fresh;
        });
        messages.sendCodes(issued, this::text);
    }

    public void logout(String cookie) {
        if (SecretTokens.looksLikeToken(cookie)) {
            database.inTransaction(c -> {
                sessions.delete(c, SecretTokens.sha256(cookie));
                return null;
            });
        }
    }

    private String text(FactorCodes.Issued code) {
        return "[Kyso] Mã đăng nhập: " + code.code() + ". Dùng để xem chữ ký số của bạn trên trang Kyso. Mã có hiệu lực "
                + Math.max(1, codes.lifetime().toMinutes()) + " phút. Không chia sẻ mã này với bất kỳ ai.";
    }

    /** A phone number in E.164, or 400 {@code request.malformed}. */
    static String normalize(String input) {
        String phone = input == null ? "" : PhoneNumbers.normalize(input);
        if (!phone.matches("\\+[1-9]\\d{7,14}")) {
            throw new KysoException(ErrorCode.REQUEST_MALFORMED, "Enter a phone number (0912345678 or +84912345678).");
        }
        return phone;
    }
}
