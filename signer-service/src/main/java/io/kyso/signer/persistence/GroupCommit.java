package io.kyso.signer.persistence;

/**
 * Makes committed transactions durable with as few flushes as possible: every caller waits until a
 * flush that <em>started after its commit</em> has finished, and one flush serves every caller that
 * arrived before it began. Under load, one flush covers a whole group of commits (group commit);
 * alone, a caller pays one flush.
 *
 * <p>Thread-safe. A failed flush is thrown to the caller that ran it; waiting callers try again.
 */
final class GroupCommit {
    /** One flush to stable storage of everything committed before it started. */
    @FunctionalInterface
    interface Flush {
        void run();
    }

    private final Flush flush;
    private final Object lock = new Object();
    private long requested;
    private long completed;
    private boolean flushing;

    GroupCommit(Flush flush) {
        this.flush = flush;
    }

    /** Returns once everything this thread committed before the call is on stable storage. */
    void awaitDurable() {
        long ticket;
        synchronized (lock) {
            ticket = ++requested;
        }
        boolean interrupted = false;
        try {
            while (true) {
                long upTo;
                synchronized (lock) {
                    while (flushing && completed < ticket) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            interrupted = true; // an acknowledgement must not go out before its flush
                        }
                    }
                    if (completed >= ticket) {
                        return;
                    }
                    flushing = true;
                    upTo = requested;
                }
                boolean flushed = false;
                try {
                    flush.run();
                    flushed = true;
                } finally {
                    synchronized (lock) {
                        flushing = false;
                        if (flushed) {
                            completed = Math.max(completed, upTo);
                        }
                        lock.notifyAll();
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
