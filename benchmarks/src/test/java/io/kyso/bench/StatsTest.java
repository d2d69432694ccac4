package io.kyso.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The figure of a benchmark is the median of its runs; the spread goes with it. */
class StatsTest {

    @Test
    void shouldTakeTheMiddleRunOfAnOddNumberAndTheMeanOfTheMiddleTwoOfAnEvenNumber() {
        assertEquals(new Stats(3, 1, 9, 5), Stats.of(9, 1, 3, 2, 4));
        assertEquals(new Stats(2.5, 1, 9, 4), Stats.of(9, 1, 3, 2));
    }

    @Test
    void shouldPickTheNearestRankQuantile() {
        List<Integer> samples = List.of(5, 1, 4, 2, 3, 10, 9, 8, 7, 6);
        assertEquals(9, Stats.quantile(samples, 0.9));
        assertEquals(1, Stats.quantile(samples, 0.0));
        assertEquals(10, Stats.quantile(samples, 1.0));
    }
}
