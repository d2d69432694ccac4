package io.kyso.signer.web;

import io.kyso.signer.support.Masked;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A form posted from one of the citizen's pages. Every field is optional here and checked by the
 * controller, so a tampered form gets a page that says what to do, not a framework error.
 *
 * @param csrf     the form's CSRF field
 * @param otp      the code (confirmation and enrollment forms); never logged
 * @param approved the ids of the ticked documents (confirmation form)
 * @param binding  the binding digest of the documents the page showed (confirmation form)
 * @param lang     the page's language
 * @param emailOtp the code sent by email (activation form); never logged
 * @param phone    a phone number (the citizen's page: login, new phone)
 * @param email    an email address (the citizen's page: new email)
 */
@Serdeable
public record PageForm(@Nullable String csrf, @Nullable String otp, @Nullable List<String> approved,
                       @Nullable String binding, @Nullable String lang, @Nullable String emailOtp,
                       @Nullable String phone, @Nullable String email) {

    public PageForm {
        approved = approved == null ? List.of() : List.copyOf(approved);
    }

    @Override
    public String toString() {
        return "PageForm[otp=" + Masked.HIDDEN + ", approved=" + approved + ", lang=" + lang + "]";
    }
}
