package io.kyso.signer.crash;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One stretch of load: a {@link PortalWorker} thread per citizen, until {@link #stop()} or until the
 * service dies under them (each ends at its first unanswered call).
 */
final class LoadRound {
    private final List<Thread> threads = new ArrayList<>();
    private final Ledger ledger;
    private final PhaseBoard board;
    private final int flowsAtStart;
    private volatile boolean running = true;

    private LoadRound(Ledger ledger, PhaseBoard board) {
        this.ledger = ledger;
        this.board = board;
        this.flowsAtStart = ledger.flows();
    }

    static LoadRound start(List<PortalWorker.Citizen> citizens, int documents, PortalApi api, Ledger ledger) {
        LoadRound round = new LoadRound(ledger, new PhaseBoard(citizens.size()));
        for (int i = 0; i < citizens.size(); i++) {
            PortalWorker worker = new PortalWorker(i, citizens.get(i), documents, api, ledger, round.board,
                    () -> round.running);
            Thread thread = new Thread(worker, "portal-" + i);
            thread.setDaemon(true);
            round.threads.add(thread);
            thread.start();
        }
        return round;
    }

    PhaseBoard board() {
        return board;
    }

    /** Waits until {@code flows} more flows completed in this round (the load is warm), at most {@code patience}. */
    void awaitFlows(int flows, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (ledger.flows() - flowsAtStart < flows && System.nanoTime() < deadline && anyAlive()) {
            Thread.sleep(20);
        }
    }

    /** Flows completed in this round so far. */
    int flows() {
        return ledger.flows() - flowsAtStart;
    }

    /** Asks the workers to stop after their current flow (or their current call, if it fails) and waits for them. */
    void stop() throws InterruptedException {
        running = false;
        join();
    }

    /** Waits for workers that end by themselves (the service died under them). */
    void join() throws InterruptedException {
        long deadline = System.nanoTime() + CrashSettings.CALL_TIMEOUT.plusMinutes(1).toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                throw new IllegalStateException(thread.getName() + " did not end");
            }
        }
    }

    private boolean anyAlive() {
        return threads.stream().anyMatch(Thread::isAlive);
    }
}
