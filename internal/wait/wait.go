// Package wait polls a long-running operation until it completes, choosing each delay from what
// the previous polls observed.
package wait

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Observation is the result of one poll.
type Observation struct {
	// Done reports that the operation has completed.
	Done bool

	// Progress is the completion percentage (0-100) that the service reports, or -1 when it
	// reports none.
	Progress int64

	// Status is the service's status text, for logs only.
	Status string
}

// PollFunc polls the operation once. An error ends the wait and is returned unchanged.
type PollFunc func(ctx context.Context) (Observation, error)

// Schedule sets the delays between polls.
type Schedule struct {
	// FirstWait is the delay before the first poll.
	FirstWait time.Duration

	// MinWait and MaxWait bound every delay after the first. The backoff starts from the larger
	// of FirstWait and MinWait.
	MinWait time.Duration
	MaxWait time.Duration

	// Multiplier grows the backoff delay after each poll that saw no progress.
	Multiplier float64

	// Jitter is the fraction (0-1) by which backoff delays vary at random, so that many clusters
	// waited on in parallel do not poll in step.
	Jitter float64

	// ProgressFromZero states that progress was 0 when the wait started, which gives the first
	// poll that reports progress a rate to predict from.
	ProgressFromZero bool
}

// Until polls until an observation is Done, the poll fails, or ctx ends. A delay is the time left
// that the observed progress rate predicts, once progress moves, and an exponential backoff with
// jitter while it does not. When ctx ends, Until returns at once with an error wrapping ctx.Err().
func Until(ctx context.Context, schedule Schedule, poll PollFunc) error {
	estimator := newEstimator(time.Now(), schedule.ProgressFromZero)
	backoff := max(schedule.FirstWait, schedule.MinWait)
	delay := schedule.FirstWait

	for attempt := 1; ; attempt++ {
		if err := sleep(ctx, delay); err != nil {
			return fmt.Errorf("stopped waiting after %s: %w", pollsText(attempt-1), err)
		}

		observation, err := poll(ctx)
		if err != nil {
			return err
		}
		if observation.Done {
			tflog.Debug(ctx, "Wait completed", map[string]any{"polls": attempt, "status": observation.Status})
			return nil
		}

		now := time.Now()
		remaining, predicted := estimator.observe(now, observation.Progress)
		reason := "backoff"
		if predicted {
			delay = clamp(remaining, schedule.MinWait, schedule.MaxWait)
			backoff = max(schedule.FirstWait, schedule.MinWait)
			reason = "predicted from progress rate"
		} else {
			delay = addJitter(backoff, schedule.Jitter)
			backoff = clamp(time.Duration(float64(backoff)*schedule.Multiplier), schedule.MinWait, schedule.MaxWait)
		}

		tflog.Debug(ctx, "Operation still in progress", map[string]any{
			"poll":      attempt,
			"status":    observation.Status,
			"progress":  observation.Progress,
			"next_wait": delay.String(),
			"reason":    reason,
		})
	}
}

// estimator predicts the time left from the progress samples seen so far.
type estimator struct {
	first, last sample
	hasFirst    bool
}

// sample is a progress reading. reported is the service's whole percentage, and progress is the
// middle of that percentage step, because the service rounds down.
type sample struct {
	at       time.Time
	reported int64
	progress float64
}

// confidentProgress is the progress from which one integer step of rounding changes the
// predicted rate by at most 5%, so the next poll is aimed at the predicted completion itself.
// Below it, the next poll is aimed halfway there.
const confidentProgress = 20

func newEstimator(start time.Time, progressFromZero bool) *estimator {
	e := &estimator{}
	if progressFromZero {
		e.first = sample{at: start}
		e.last = e.first
		e.hasFirst = true
	}
	return e
}

// observe records a progress sample and returns the delay to the next poll, with true when the
// delay is predicted from a progress rate. Progress counts as moving only when the reported
// percentage rose, so a first poll that reports 0 gives no prediction.
func (e *estimator) observe(now time.Time, progress int64) (time.Duration, bool) {
	if progress < 0 || progress >= 100 {
		return 0, false
	}

	current := sample{at: now, reported: progress, progress: float64(progress) + 0.5}
	if !e.hasFirst {
		e.first, e.hasFirst = current, true
		e.last = current
		return 0, false
	}

	moved := current.reported > e.last.reported
	e.last = current
	if !moved {
		return 0, false
	}

	elapsed := current.at.Sub(e.first.at).Seconds()
	rate := (current.progress - e.first.progress) / elapsed
	remaining := time.Duration((100 - current.progress) / rate * float64(time.Second))
	if progress < confidentProgress {
		return remaining / 2, true
	}

	// Aim slightly past the predicted completion, so a prediction that is a little early does
	// not cost an extra poll.
	return remaining + remaining/50 + 50*time.Millisecond, true
}

func pollsText(polls int) string {
	if polls == 1 {
		return "1 poll"
	}
	return fmt.Sprintf("%d polls", polls)
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}

	timer := time.NewTimer(d)
	defer timer.Stop()

	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

func clamp(d, low, high time.Duration) time.Duration {
	if d < low {
		return low
	}
	if high > 0 && d > high {
		return high
	}
	return d
}

func addJitter(d time.Duration, fraction float64) time.Duration {
	if fraction <= 0 {
		return d
	}
	spread := float64(d) * fraction
	return time.Duration(float64(d) - spread + rand.Float64()*2*spread) //nolint:gosec // jitter needs no cryptographic randomness
}
