package io.kyso.signer.enrollment;

import io.kyso.signer.audit.AuditEventType;
import io.kyso.signer.audit.AuditLog;
import io.kyso.signer.audit.AuditRecord;
import io.kyso.signer.factor.FactorMessages;
import io.kyso.signer.factor.Recipient;
import io.kyso.signer.support.PublicAddress;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a citizen, on every channel that reaches them, that something changed about their
 * credential or its factors ("an authenticator was added at 10:31 — if this was not you …"), with
 * the address of their own page, where they can suspend the credential at once. A change made by
 * someone else is then seen by the citizen on a channel that someone does not hold. Best effort:
 * a channel that is down does not undo the change; how many channels were reached is audited.
 */
@Singleton
public class CitizenNotices {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm dd/MM/yyyy")
            .withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    private final FactorMessages messages;
    private final AuditLog audit;
    private final PublicAddress address;

    public CitizenNotices(FactorMessages messages, AuditLog audit, PublicAddress address) {
        this.messages = messages;
        this.audit = audit;
        this.address = address;
    }

    /** What changed, as the notice says it (Vietnamese, the citizen's language of every message). */
    public enum Change {
        AUTHENTICATOR_ADDED("một ứng dụng xác thực đã được thêm vào chữ ký số của bạn"),
        PHONE_CHANGED("số điện thoại nhận mã của chữ ký số của bạn đã được đổi"),
        EMAIL_CHANGED("địa chỉ email nhận mã của chữ ký số của bạn đã được thêm hoặc đổi"),
        CREDENTIAL_SUSPENDED("chữ ký số của bạn đã bị tạm dừng và chứng thư số đã bị thu hồi");

        private final String words;

        Change(String words) {
            this.words = words;
        }
    }

    /**
     * Announces {@code change} on every channel of {@code citizen}, and to {@code alsoTo} (e.g. the
     * phone a change of phone left behind).
     */
    public void announce(Citizen citizen, Change change, Instant at, List<Recipient> alsoTo) {
        List<Recipient> to = new ArrayList<>(citizen.recipients());
        alsoTo.stream().filter(r -> !to.contains(r)).forEach(to::add);
        String text = "[Kyso] Lúc " + TIME.format(at) + " (GMT+7), " + change.words + ". Nếu không phải bạn, hãy vào "
                + address.link("/me") + " ngay để xem và tạm dừng chữ ký số.";
        int reached = messages.announce(to, text);
        audit.append(AuditRecord.of(AuditEventType.FACTOR_CHANGE_ANNOUNCED, io.kyso.signer.audit.Actor.SYSTEM)
                .portal(citizen.portalId()).detail("citizen:" + citizen.id() + " change:" + change + " reached:" + reached
                        + "/" + to.size()).build());
    }
}
