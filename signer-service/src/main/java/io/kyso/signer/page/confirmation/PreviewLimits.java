package io.kyso.signer.page.confirmation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Duration;

/**
 * What one page preview may cost, whatever the page declares: the citizen's page must not let a
 * portal's document take the service's memory or CPU. A page that needs more gets no preview (the
 * page shows why; the citizen still sees the document's name, pages, size and digest, and decides).
 *
 * @param maxHeightPx    the image's height at most (its width is 480 px at most): a page of 10 x 30,000 pt
 *                       is drawn narrower instead
 * @param maxImagePixels the largest image a page may draw, by its declared size (a 600 dpi A4 scan has 35
 *                       million pixels)
 * @param maxOperators   the most drawing operators the page may run, forms, patterns and annotations included
 * @param timeLimit      how much processor time drawing may take (not wall-clock time: a busy machine
 *                       must not refuse what it would draw when idle); a single operation that goes on is
 *                       stopped by ending the drawing process
 * @param workers        how many previews are drawn at a time, each in a process of its own
 * @param workerHeap     the heap of each drawing process ({@code -Xmx}); a page that needs more ends it
 * @param workerStartup  how long a drawing process may take to start (once; it is reused)
 */
@Context
@ConfigurationProperties("kyso.previews")
public record PreviewLimits(
        @Bindable(defaultValue = "1440") @Min(100) @Max(4000) int maxHeightPx,
        @Bindable(defaultValue = "40000000") @Min(1) long maxImagePixels,
        @Bindable(defaultValue = "300000") @Min(100) int maxOperators,
        @Bindable(defaultValue = "2s") @NotNull Duration timeLimit,
        @Bindable(defaultValue = "2") @Min(1) @Max(16) int workers,
        @Bindable(defaultValue = "128m") @NotNull @Pattern(regexp = "\\d+[kKmMgG]") String workerHeap,
        @Bindable(defaultValue = "60s") @NotNull Duration workerStartup) {
}
