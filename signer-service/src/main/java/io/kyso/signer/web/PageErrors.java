package io.kyso.signer.web;

import io.kyso.signer.problem.Problem;

/**
 * Turns a problem into a sentence for the citizen, in their language: the stable code picks the
 * text ({@code error.<code>} in the page bundle), never the English detail meant for developers.
 */
public final class PageErrors {
    private PageErrors() {
    }

    public static String message(Lang lang, Problem problem) {
        String key = "error." + problem.code();
        if (!lang.has(key)) {
            return lang.text("error.generic");
        }
        if (problem.attemptsLeft() != null) {
            return lang.text(key, problem.attemptsLeft());
        }
        if (problem.retryAfterSeconds() != null) {
            long seconds = problem.retryAfterSeconds();
            return lang.text(key, key.equals("error.citizen.locked") ? seconds / 60 + 1 : seconds);
        }
        return lang.text(key);
    }
}
