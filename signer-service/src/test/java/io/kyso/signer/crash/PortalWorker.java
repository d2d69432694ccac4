package io.kyso.signer.crash;

import io.kyso.signer.testing.TestPdfs;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One thread of portal flows for one citizen, as a portal runs them: create a signing request with
 * small PDFs, read the code from the development outbox, confirm, download every signed document.
 * Every POST carries an {@code Idempotency-Key}; a 503 is retried with the same key. A code whose
 * signing failed is spent ({@code otp.used} when retried): the citizen then types the fresh code
 * Kyso sent, in a confirmation of its own. Everything
 * answered goes into the {@link Ledger}; a call that got no answer is recorded as lost and ends
 * the worker (the service is gone).
 */
final class PortalWorker implements Runnable {
    /** A citizen the portal enrolled: the flows of one worker are all theirs. */
    record Citizen(UUID id, String phone) {
    }

    private static final Pattern CODE = Pattern.compile("Mã xác nhận: (\\d{6})");
    private static final String NO_CODE = "";

    private final int index;
    private final Citizen citizen;
    private final int documents;
    private final PortalApi api;
    private final Ledger ledger;
    private final PhaseBoard board;
    private final BooleanSupplier keepGoing;
    private int flow;

    PortalWorker(int index, Citizen citizen, int documents, PortalApi api, Ledger ledger, PhaseBoard board,
                 BooleanSupplier keepGoing) {
        this.index = index;
        this.citizen = citizen;
        this.documents = documents;
        this.api = api;
        this.ledger = ledger;
        this.board = board;
        this.keepGoing = keepGoing;
    }

    /** After an error answer, so that a service that fails every call is not hammered in a tight loop. */
    private static final long ERROR_PAUSE_MILLIS = 500;

    @Override
    public void run() {
        try {
            while (keepGoing.getAsBoolean() && oneFlow()) {
                ledger.flowDone();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            ledger.harnessFailure(e);
        }
    }

    /** @return false when a call got no answer */
    private boolean oneFlow() throws InterruptedException {
        flow++;
        String key = UUID.randomUUID().toString();
        byte[] body = PortalApi.json(Map.of("citizenId", citizen.id(), "title", "Hồ sơ " + index + "-" + flow
                + " của công dân", "documents", pdfs()));
        Answer created = postUntilNotUnavailable(Phase.CREATE, null, PortalApi.REQUESTS, body, key);
        if (created.lost()) {
            ledger.lost(new LostCall(Phase.CREATE, PortalApi.REQUESTS, body, key, citizen.id(), citizen.phone(), null,
                    ledger.round()));
            return false;
        }
        if (created.status() != 201) {
            ledger.error("create", null, created);
            Thread.sleep(ERROR_PAUSE_MILLIS);
            return true;
        }
        TrackedRequest request = ledger.created(citizen.id(), citizen.phone(), created, "create");
        String code = readCode(request);
        if (code == null) {
            return false;
        }
        if (code.equals(NO_CODE)) {
            return true;
        }
        ledger.code(request.id(), code);
        return confirmAndDownload(request, code);
    }

    private boolean confirmAndDownload(TrackedRequest request, String firstCode) throws InterruptedException {
        String path = PortalApi.REQUESTS + "/" + request.id() + "/confirmation";
        String code = firstCode;
        Answer confirmed;
        while (true) {
            byte[] body = PortalApi.json(Map.of("otp", code));
            String key = UUID.randomUUID().toString();
            confirmed = postUntilNotUnavailable(Phase.CONFIRM, request.id(), path, body, key);
            if (confirmed.lost()) {
                ledger.lost(new LostCall(Phase.CONFIRM, path, body, key, citizen.id(), citizen.phone(), request.id(),
                        ledger.round()));
                return false;
            }
            if (confirmed.status() != 410 || !"otp.used".equals(confirmed.code()) || !keepGoing.getAsBoolean()) {
                break;
            }
            ledger.error("confirm", request.id(), confirmed);
            String fresh = readCode(request);
            if (fresh == null) {
                return false;
            }
            if (fresh.equals(NO_CODE) || fresh.equals(code)) {
                return true;
            }
            code = fresh;
            ledger.code(request.id(), code);
        }
        if (confirmed.status() != 200) {
            ledger.error("confirm", request.id(), confirmed);
            Thread.sleep(ERROR_PAUSE_MILLIS);
            return true;
        }
        ledger.acknowledged(request.id(), confirmed, "confirm");
        if (!"SIGNED".equals(confirmed.field("status"))) {
            return true;
        }
        for (UUID document : confirmed.documents().keySet()) {
            board.enter(index, Phase.DOWNLOAD, request.id());
            Answer signed = api.get(signedPath(request.id(), document));
            board.leave(index);
            if (signed.lost()) {
                return false;
            }
            if (signed.status() != 200) {
                ledger.error("download", request.id(), signed);
                Thread.sleep(ERROR_PAUSE_MILLIS);
                return true;
            }
            ledger.downloaded(request.id(), document, signed.response().body());
        }
        return true;
    }

    static String signedPath(UUID request, UUID document) {
        return PortalApi.REQUESTS + "/" + request + "/documents/" + document + "/signed";
    }

    /**
     * Sends the POST; while the service answers 503 (HSM or database away) sends it again with the same
     * key, every half second, as long as the round goes on. Each 503 is kept in the ledger.
     */
    private Answer postUntilNotUnavailable(Phase phase, UUID requestId, String path, byte[] body, String key)
            throws InterruptedException {
        while (true) {
            board.enter(index, phase, requestId);
            Answer answer = api.post(path, body, key);
            board.leave(index);
            if (answer.status() != 503 || !keepGoing.getAsBoolean()) {
                return answer;
            }
            ledger.error(phase.name().toLowerCase(Locale.ROOT), requestId, answer);
            Thread.sleep(500);
        }
    }

    /**
     * The code of this request from the outbox (the message names the request's reference); null if the
     * call got no answer, {@link #NO_CODE} (and an error in the ledger) if no message came in ten seconds.
     */
    private String readCode(TrackedRequest request) throws InterruptedException {
        Answer outbox = null;
        for (int attempt = 0; attempt < 40; attempt++) {
            board.enter(index, Phase.READ_CODE, request.id());
            outbox = api.get("/dev/outbox?phone=" + request.phone().replace("+", "%2B"));
            board.leave(index);
            if (outbox.lost()) {
                return null;
            }
            List<Map<String, Object>> messages = outbox.status() == 200 ? outbox.response().list() : List.of();
            for (Map<String, Object> message : messages) {
                String text = String.valueOf(message.get("text"));
                Matcher code = CODE.matcher(text);
                if (text.contains(request.reference()) && code.find()) {
                    return code.group(1);
                }
            }
            Thread.sleep(250);
        }
        ledger.error("read code", request.id(), outbox);
        return NO_CODE;
    }

    private List<Map<String, Object>> pdfs() {
        List<Map<String, Object>> pdfs = new ArrayList<>();
        for (int d = 1; d <= documents; d++) {
            byte[] pdf = TestPdfs.withPages(1, "Ho so " + index + "-" + flow + ", tai lieu " + d);
            pdfs.add(Map.of("name", "tai-lieu-" + d + ".pdf", "contentType", "application/pdf",
                    "content", Base64.getEncoder().encodeToString(pdf)));
        }
        return pdfs;
    }
}
