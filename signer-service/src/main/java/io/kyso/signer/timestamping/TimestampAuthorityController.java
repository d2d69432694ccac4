package io.kyso.signer.timestamping;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * RFC 3161 over HTTP (section 3.4): a DER TimeStampReq posted as {@code application/timestamp-query}
 * is answered with a DER TimeStampResp as {@code application/timestamp-reply}, a rejection
 * included; another content type is refused (415) before anything is read as a request.
 */
@Controller("/pki/tsa")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(beans = TimestampAuthority.class)
public class TimestampAuthorityController {
    static final String QUERY = "application/timestamp-query";
    static final String REPLY = "application/timestamp-reply";

    private final TimestampAuthority authority;

    public TimestampAuthorityController(TimestampAuthority authority) {
        this.authority = authority;
    }

    @Post(consumes = QUERY, produces = REPLY)
    public HttpResponse<byte[]> timestamp(@Body byte[] request) {
        return HttpResponse.ok(authority.respond(request)).header("Cache-Control", "no-store");
    }
}
