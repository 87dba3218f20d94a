package io.lyger.warm;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlateauTest
{
    @Test
    void improvingLatencyIsNoPlateau()
    {
        Plateau plateau = new Plateau(3);
        for (double score : new double[]{30, 20, 15, 10, 8, 6, 5, 4})
            assertFalse(plateau.reached(score), "still improving at " + score);
    }

    @Test
    void aLuckyWindowInFlatNoiseDoesNotHideThePlateau()
    {
        Plateau plateau = new Plateau(3);
        boolean reached = false;
        // flat around 1.1 with one window 10 % better: the best-score rule would count that as progress
        for (double score : new double[]{30, 10, 1.12, 1.10, 1.13, 0.99, 1.11, 1.12})
            reached |= plateau.reached(score);
        assertTrue(reached);
    }
}
