package org.lifeline.history;

import java.util.Arrays;

/**
 * A Theil–Sen line through points (day, share): the slope is the median of the slopes of every pair of points on
 * different days, the intercept the median of {@code y − slope·x}. One outlier among the snapshots (a bulk entry,
 * a correction) moves it far less than a least-squares line. The lowest and highest pairwise slopes bound the
 * forecast's interval.
 */
record TheilSen(double slope, double intercept, double minSlope, double maxSlope) {

    /** The line through the points, or null when fewer than two of them lie on different days. */
    static TheilSen fit(long[] x, double[] y) {
        int n = x.length;
        double[] slopes = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (x[j] != x[i]) {
                    slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
                }
            }
        }
        if (k == 0) {
            return null;
        }
        double[] s = Arrays.copyOf(slopes, k);
        Arrays.sort(s);
        double slope = median(s);
        double[] intercepts = new double[n];
        for (int i = 0; i < n; i++) {
            intercepts[i] = y[i] - slope * x[i];
        }
        Arrays.sort(intercepts);
        return new TheilSen(slope, median(intercepts), s[0], s[k - 1]);
    }

    double at(double x) {
        return intercept + slope * x;
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
