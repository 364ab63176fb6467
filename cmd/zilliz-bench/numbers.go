package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// median returns the median of values, the mean of the middle two (rounded toward zero) for an
// even count, or 0 for none.
func median[T ~int | ~int64](values []T) T {
	if len(values) == 0 {
		return 0
	}
	sorted := slices.Sorted(slices.Values(values))
	middle := len(sorted) / 2
	if len(sorted)%2 == 1 {
		return sorted[middle]
	}
	return (sorted[middle-1] + sorted[middle]) / 2
}

// formatSeconds formats d in seconds with two decimals, such as "2.61 s".
func formatSeconds(d time.Duration) string {
	return fmt.Sprintf("%.2f s", d.Seconds())
}

// formatSetting formats a configured duration in seconds without trailing zeros, such as "2 s".
func formatSetting(d time.Duration) string {
	return fmt.Sprintf("%g s", d.Seconds())
}

// formatMiB formats a size in bytes in mebibytes with one decimal, such as "24.8 MiB".
func formatMiB(bytes int64) string {
	return fmt.Sprintf("%.1f MiB", float64(bytes)/(1<<20))
}

func joinInts(values []int) string {
	texts := make([]string, len(values))
	for i, value := range values {
		texts[i] = strconv.Itoa(value)
	}
	return strings.Join(texts, ", ")
}
