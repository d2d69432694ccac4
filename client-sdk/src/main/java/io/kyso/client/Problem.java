package io.kyso.client;

/**
 * An RFC 9457 problem as Kyso answers it.
 *
 * @param code              Kyso's stable code, e.g. {@code otp.invalid}; null if the answer was not Kyso's (a proxy's error page)
 * @param attemptsLeft      for a wrong code: tries left before the request locks
 * @param document          for a refused document: which one
 * @param retryAfterSeconds for a rate limit or an outage: when to try again
 */
public record Problem(String type, String title, int status, String detail, String code, Integer attemptsLeft,
                      DocumentRef document, Long retryAfterSeconds) {

    /** A document of the request, by its position (from 0) and name. */
    public record DocumentRef(int index, String name) {
    }
}
