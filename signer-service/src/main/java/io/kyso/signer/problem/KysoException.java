package io.kyso.signer.problem;

/**
 * A failure the API reports as a problem: the client's fault (4xx) or an unavailable dependency
 * (503). Its {@link Problem} is what the caller sees; the message is the same text, so it must not
 * hold secrets either.
 */
public class KysoException extends RuntimeException {
    private final transient Problem problem;

    public KysoException(Problem problem) {
        super(problem.code() + ": " + problem.detail());
        this.problem = problem;
    }

    public KysoException(Problem problem, Throwable cause) {
        super(problem.code() + ": " + problem.detail(), cause);
        this.problem = problem;
    }

    public KysoException(ErrorCode code, String detail) {
        this(Problem.of(code, detail));
    }

    public Problem problem() {
        return problem;
    }
}
