package main

import (
	"testing"
	"time"
)

func TestMedian(t *testing.T) {
	cases := []struct {
		name   string
		values []time.Duration
		want   time.Duration
	}{
		{"none", nil, 0},
		{"one", []time.Duration{3 * time.Second}, 3 * time.Second},
		{"odd count unsorted", []time.Duration{9, 1, 5}, 5},
		{"even count", []time.Duration{4, 1, 2, 10}, 3},
	}
	for _, c := range cases {
		if got := median(c.values); got != c.want {
			t.Errorf("%s: median(%v) = %v, want %v", c.name, c.values, got, c.want)
		}
	}
}

func TestMedianKeepsInput(t *testing.T) {
	values := []int{3, 1, 2}
	median(values)
	if values[0] != 3 || values[1] != 1 || values[2] != 2 {
		t.Errorf("median reordered its input to %v", values)
	}
}

func TestFormatting(t *testing.T) {
	cases := []struct{ got, want string }{
		{formatSeconds(2613 * time.Millisecond), "2.61 s"},
		{formatSetting(30 * time.Second), "30 s"},
		{formatSetting(1500 * time.Millisecond), "1.5 s"},
		{formatMiB(80 << 20), "80.0 MiB"},
		{joinInts([]int{4, 5}), "4, 5"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
