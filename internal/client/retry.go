package client

import (
	"errors"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// retryPolicy is how often and how long the client waits before it sends a failed request again.
// Which failures are retried depends on the request and is decided by exchange.checkRetry.
type retryPolicy struct {
	maxRetries int
	waitMin    time.Duration
	waitMax    time.Duration
	now        func() time.Time // the clock that Retry-After dates are compared with
}

func newRetryPolicy(cfg Config) (retryPolicy, error) {
	policy := retryPolicy{
		maxRetries: cfg.MaxRetries,
		waitMin:    cfg.RetryWaitMin,
		waitMax:    cfg.RetryWaitMax,
		now:        time.Now,
	}
	if policy.waitMin == 0 {
		policy.waitMin = defaultRetryWaitMin
	}
	if policy.waitMax == 0 {
		policy.waitMax = defaultRetryWaitMax
	}

	switch {
	case policy.maxRetries < 0:
		return retryPolicy{}, errors.New("invalid retry settings: MaxRetries must not be negative")
	case policy.waitMin < 0 || policy.waitMax < 0:
		return retryPolicy{}, errors.New("invalid retry settings: RetryWaitMin and RetryWaitMax must not be " +
			"negative")
	case policy.waitMin > policy.waitMax:
		return retryPolicy{}, errors.New("invalid retry settings: RetryWaitMin must not exceed RetryWaitMax")
	}
	return policy, nil
}

// wait returns how long to wait before retry number retry+1. A Retry-After header, in seconds or
// as an HTTP date, is followed within [waitMin, waitMax]. Otherwise the wait grows exponentially
// with "equal jitter": a random duration between half and all of waitMin*2^(retry+1), kept
// within [waitMin, waitMax], so that clients that failed together do not retry together.
func (p retryPolicy) wait(retry int, resp *http.Response) time.Duration {
	if resp != nil {
		if delay, ok := parseRetryAfter(resp.Header.Get("Retry-After"), p.now()); ok {
			return min(max(delay, p.waitMin), p.waitMax)
		}
	}

	ceiling := p.waitMax
	if retry < 62 {
		if scaled := p.waitMin << (retry + 1); scaled > 0 && scaled>>(retry+1) == p.waitMin {
			ceiling = min(scaled, p.waitMax)
		}
	}

	floor := ceiling / 2
	delay := floor + time.Duration(rand.Int64N(int64(ceiling-floor)+1)) //nolint:gosec // jitter needs no cryptographic randomness
	return min(max(delay, p.waitMin), p.waitMax)
}

// parseRetryAfter parses a Retry-After value (RFC 9110, section 10.2.3): a number of seconds or
// an HTTP date, which is converted to the time left after now, or zero when it has passed.
func parseRetryAfter(value string, now time.Time) (time.Duration, bool) {
	value = strings.TrimSpace(value)
	if value == "" {
		return 0, false
	}

	if seconds, err := strconv.ParseUint(value, 10, 64); err == nil {
		const maxSeconds = uint64(1<<63-1) / uint64(time.Second)
		return time.Duration(min(seconds, maxSeconds)) * time.Second, true
	} else if errors.Is(err, strconv.ErrRange) {
		return time.Duration(1<<63 - 1), true
	}

	date, err := http.ParseTime(value)
	if err != nil {
		return 0, false
	}
	return max(date.Sub(now), 0), true
}
