package wait

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestEstimatorPredictsLinearProgress(t *testing.T) {
	start := time.Unix(0, 0)
	serviceTime := 30 * time.Second
	e := newEstimator(start, true)

	// At 12 s a linear 30 s operation reports 40 % (rounded down).
	remaining, predicted := e.observe(start.Add(12*time.Second), 40)

	if !predicted {
		t.Fatal("expected a prediction from moving progress")
	}
	expected := serviceTime - 12*time.Second
	if diff := remaining - expected; diff < -500*time.Millisecond || diff > time.Second {
		t.Errorf("predicted %s to completion, expected about %s", remaining, expected)
	}
}

func TestEstimatorHalvesEarlyPredictions(t *testing.T) {
	start := time.Unix(0, 0)
	e := newEstimator(start, true)

	// 5 % after 1.5 s of a 30 s operation: too coarse to aim at the end.
	remaining, predicted := e.observe(start.Add(1500*time.Millisecond), 5)

	if !predicted {
		t.Fatal("expected a prediction from moving progress")
	}
	if remaining > 15*time.Second {
		t.Errorf("predicted %s, expected at most half of the remaining time", remaining)
	}
}

func TestEstimatorFallsBackWhenProgressStalls(t *testing.T) {
	start := time.Unix(0, 0)
	e := newEstimator(start, true)
	e.observe(start.Add(time.Second), 10)

	_, predicted := e.observe(start.Add(2*time.Second), 10)

	if predicted {
		t.Error("expected no prediction when progress did not move")
	}
}

func TestEstimatorIgnoresZeroFirstPoll(t *testing.T) {
	e := newEstimator(time.Unix(0, 0), true)

	_, predicted := e.observe(time.Unix(0, int64(500*time.Millisecond)), 0)

	if predicted {
		t.Error("expected no prediction when the first poll still reports 0 %")
	}
}

func TestEstimatorWithoutProgress(t *testing.T) {
	e := newEstimator(time.Unix(0, 0), true)

	_, predicted := e.observe(time.Unix(1, 0), -1)

	if predicted {
		t.Error("expected no prediction when the service reports no progress")
	}
}

func TestEstimatorNeedsTwoSamplesWithoutZeroStart(t *testing.T) {
	start := time.Unix(0, 0)
	e := newEstimator(start, false)

	_, first := e.observe(start.Add(time.Second), 30)
	remaining, second := e.observe(start.Add(2*time.Second), 40)

	if first {
		t.Error("expected no prediction from a single sample")
	}
	if !second {
		t.Fatal("expected a prediction from two samples")
	}
	if remaining < 5*time.Second || remaining > 7*time.Second {
		t.Errorf("predicted %s, expected about 6 s at 10 %% per second", remaining)
	}
}

func TestUntilReturnsWhenDone(t *testing.T) {
	polls := 0
	schedule := Schedule{FirstWait: time.Millisecond, MinWait: time.Millisecond, MaxWait: 5 * time.Millisecond, Multiplier: 2}

	err := Until(context.Background(), schedule, func(context.Context) (Observation, error) {
		polls++
		return Observation{Done: polls == 3, Progress: -1}, nil
	})

	if err != nil {
		t.Fatalf("Until returned %v", err)
	}
	if polls != 3 {
		t.Errorf("polled %d times, expected 3", polls)
	}
}

func TestUntilReturnsPollError(t *testing.T) {
	failure := errors.New("describe failed")

	err := Until(context.Background(), Schedule{}, func(context.Context) (Observation, error) {
		return Observation{}, failure
	})

	if !errors.Is(err, failure) {
		t.Errorf("Until returned %v, expected the poll error", err)
	}
}

func TestUntilStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	schedule := Schedule{FirstWait: time.Millisecond, MinWait: time.Hour, MaxWait: time.Hour, Multiplier: 2}

	err := Until(ctx, schedule, func(context.Context) (Observation, error) {
		cancel()
		return Observation{Progress: -1}, nil
	})

	if !errors.Is(err, context.Canceled) {
		t.Errorf("Until returned %v, expected an error wrapping context.Canceled", err)
	}
}
