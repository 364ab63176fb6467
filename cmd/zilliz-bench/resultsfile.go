package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The markers around the part of a Markdown file that -out rewrites. Everything outside them is
// kept as written.
const (
	resultsBegin = "<!-- zilliz-bench results: begin -->"
	resultsEnd   = "<!-- zilliz-bench results: end -->"
)

// newResultsFile is the content of a results file that does not exist yet.
const newResultsFile = "# Benchmarks\n\nThe section below is written by `zilliz-bench -out`.\n\n" +
	resultsBegin + "\n" + resultsEnd + "\n"

// writeResults replaces the results section of the Markdown file at path with results, creating
// the file when it does not exist. It writes a temporary file and renames it, so the file is
// never left half written.
func writeResults(path, results string) error {
	content, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		content, err = []byte(newResultsFile), nil
	}
	if err != nil {
		return fmt.Errorf("reading %s failed: %w", path, err)
	}

	updated, err := replaceResults(string(content), results)
	if err != nil {
		return fmt.Errorf("updating %s failed: %w", path, err)
	}

	temp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("writing %s failed: %w", path, err)
	}
	_, writeErr := temp.WriteString(updated)
	closeErr := temp.Close()
	if err := errors.Join(writeErr, closeErr); err != nil {
		_ = os.Remove(temp.Name())
		return fmt.Errorf("writing %s failed: %w", path, err)
	}

	// os.CreateTemp makes the file 0600; a document in the repository is readable by everyone.
	if err := os.Chmod(temp.Name(), 0o644); err != nil {
		_ = os.Remove(temp.Name())
		return fmt.Errorf("writing %s failed: %w", path, err)
	}
	if err := os.Rename(temp.Name(), path); err != nil {
		_ = os.Remove(temp.Name())
		return fmt.Errorf("writing %s failed: %w", path, err)
	}
	return nil
}

// replaceResults returns document with the text between the results markers replaced by
// results. Each marker must occur once, the begin marker first and at the end of its line, the
// end marker at the start of a line.
func replaceResults(document, results string) (string, error) {
	beginLine, endLine := resultsBegin+"\n", "\n"+resultsEnd
	if strings.Count(document, resultsBegin) != 1 || strings.Count(document, resultsEnd) != 1 {
		return "", fmt.Errorf("the file must contain the lines %q and %q once each", resultsBegin, resultsEnd)
	}

	begin := strings.Index(document, beginLine)
	end := strings.Index(document, endLine)
	if begin < 0 || end < 0 || end < begin+len(beginLine)-1 {
		return "", fmt.Errorf("the line %q must come before the line %q, each on a line of its own",
			resultsBegin, resultsEnd)
	}

	results = strings.TrimRight(results, "\n")
	return document[:begin+len(beginLine)] + results + document[end:], nil
}
