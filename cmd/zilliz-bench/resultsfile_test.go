package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReplaceResultsKeepsTextOutsideMarkers(t *testing.T) {
	document := "# Title\n\nIntro.\n\n" + resultsBegin + "\nold results\n" + resultsEnd + "\n\nFooter.\n"

	got, err := replaceResults(document, "## Results\n\nnew\n")
	if err != nil {
		t.Fatal(err)
	}

	want := "# Title\n\nIntro.\n\n" + resultsBegin + "\n## Results\n\nnew\n" + resultsEnd + "\n\nFooter.\n"
	if got != want {
		t.Errorf("replaceResults returned\n%s\nwant\n%s", got, want)
	}
}

func TestReplaceResultsFillsEmptySection(t *testing.T) {
	got, err := replaceResults(newResultsFile, "results")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, resultsBegin+"\nresults\n"+resultsEnd+"\n") {
		t.Errorf("replaceResults returned\n%s", got)
	}
}

func TestReplaceResultsRejectsBadMarkers(t *testing.T) {
	cases := map[string]string{
		"no markers":       "# Benchmarks\n",
		"no end marker":    resultsBegin + "\n",
		"end before begin": resultsEnd + "\n" + resultsBegin + "\n",
		"begin twice":      resultsBegin + "\n" + resultsBegin + "\n" + resultsEnd + "\n",
		"begin mid-line":   resultsBegin + " text\n" + resultsEnd + "\n",
	}
	for name, document := range cases {
		if _, err := replaceResults(document, "results"); err == nil {
			t.Errorf("%s: replaceResults returned no error", name)
		}
	}
}

func TestWriteResultsCreatesMissingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "BENCHMARKS.md")

	if err := writeResults(path, "first"); err != nil {
		t.Fatal(err)
	}
	if err := writeResults(path, "second"); err != nil {
		t.Fatal(err)
	}

	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(content), resultsBegin+"\nsecond\n"+resultsEnd) {
		t.Errorf("file content is\n%s", content)
	}
	if strings.Contains(string(content), "first") {
		t.Errorf("the second write kept the first results:\n%s", content)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := info.Mode().Perm(); mode != 0o644 {
		t.Errorf("file mode = %o, want 644", mode)
	}
}
