package mock

import (
	"fmt"
	"math"
	"net/http"
	"time"
)

// tokenBucket is a rate limiter that refills rate tokens per second up to burst tokens. It
// reads time from its caller, so tests with a fake clock see exact behavior. It is not safe for
// concurrent use.
type tokenBucket struct {
	rate   float64
	burst  float64
	tokens float64
	last   time.Time
}

// newTokenBucket returns a full bucket whose burst is one second's worth of tokens, at least 1.
func newTokenBucket(rate float64, now time.Time) *tokenBucket {
	burst := math.Max(1, rate)
	return &tokenBucket{rate: rate, burst: burst, tokens: burst, last: now}
}

// allow takes one token and reports whether one was available at now.
func (b *tokenBucket) allow(now time.Time) bool {
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = math.Min(b.burst, b.tokens+elapsed*b.rate)
		b.last = now
	}
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// allowRequest applies Options.RateLimit to one API request.
func (s *Server) allowRequest() bool {
	s.mu.Lock()
	defer s.mu.Unlock()

	if s.limiter == nil {
		return true
	}
	return s.limiter.allow(s.opts.Now())
}

func (s *Server) rateLimitedReply() reply {
	rep := errorReply(&apiError{
		httpStatus: http.StatusTooManyRequests,
		code:       http.StatusTooManyRequests,
		message:    fmt.Sprintf("too many requests: the limit is %g requests per second", s.opts.RateLimit),
	})
	rep.header = http.Header{"Retry-After": {"1"}}
	return rep
}
