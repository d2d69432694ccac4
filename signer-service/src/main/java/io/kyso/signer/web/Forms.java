package io.kyso.signer.web;

import java.util.Map;

/** The small forms the citizen's pages share: fields for codes, a form around them, a one-button form. */
public final class Forms {
    private Forms() {
    }

    /** A 6-digit code field named {@code name} (its id too), marked invalid after a wrong code. */
    public static Html.Safe codeField(String name, String label, boolean invalid) {
        return codeField(name, name, label, invalid);
    }

    /** A 6-digit code field with its own {@code id}, for a page with several code forms. */
    public static Html.Safe codeField(String id, String name, String label, boolean invalid) {
        return Html.render("code-field", Map.of("id", id, "name", name, "label", label,
                "invalid", invalid ? new Html.Safe(" aria-invalid=\"true\"") : Html.Safe.EMPTY));
    }

    /** A form of {@code fields} posting to {@code action}, with its CSRF field and the page's language. */
    public static Html.Safe codeForm(String formId, String action, String csrf, Lang lang, Html.Safe fields, String submit) {
        return Html.render("code-form", Map.of("formId", formId, "action", action, "csrf", csrf, "lang", lang.code(),
                "fields", fields, "submit", submit));
    }

    /** A form that is only a button (send again, log out, suspend …). */
    public static Html.Safe button(String action, String csrf, Lang lang, String label, String buttonClass, String buttonId) {
        return Html.render("button-form", Map.of("action", action, "csrf", csrf, "lang", lang.code(), "label", label,
                "formClass", "more-actions", "buttonClass", buttonClass, "buttonId", buttonId));
    }
}
