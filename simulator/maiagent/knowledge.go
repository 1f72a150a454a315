package maiagent

import (
	"regexp"
	"strings"
	"unicode"
)

// kbThreshold is the share of a knowledge-base question's words that a
// message must contain to match it.
const kbThreshold = 0.75

var stopwords = map[string]bool{
	"a": true, "an": true, "the": true, "i": true, "my": true, "me": true, "do": true, "does": true,
	"you": true, "your": true, "is": true, "are": true, "what": true, "how": true, "can": true,
	"to": true, "of": true, "for": true, "in": true, "on": true, "and": true, "or": true, "it": true,
	"please": true, "tell": true, "about": true, "we": true, "our": true,
}

var wordRE = regexp.MustCompile(`\p{Han}|[\p{L}\p{N}]+`)

// terms splits text into lower-case words; every Han character is a word of
// its own, so Chinese questions match without a segmenter.
func terms(text string) []string {
	var out []string
	for _, w := range wordRE.FindAllString(strings.ToLower(text), -1) {
		if !stopwords[w] {
			out = append(out, w)
		}
	}
	return out
}

// matchKB returns the answer of the knowledge-base entry that question
// matches best, if any reaches the threshold. Ties go to the earlier entry.
func matchKB(kb []kbEntry, question string) (string, bool) {
	have := map[string]bool{}
	for _, w := range terms(question) {
		have[w] = true
	}
	best, bestScore := -1, 0.0
	for i, e := range kb {
		want := terms(e.Question)
		if len(want) == 0 {
			continue
		}
		hit := 0
		for _, w := range want {
			if have[w] {
				hit++
			}
		}
		if score := float64(hit) / float64(len(want)); score >= kbThreshold && score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return "", false
	}
	return kb[best].Answer, true
}

// normalize is the question's identity for seeded answers: case, spacing
// and punctuation do not change the answer.
func normalize(q string) string {
	return strings.Join(wordRE.FindAllString(strings.ToLower(q), -1), " ")
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

var tokenRE = regexp.MustCompile(`(?:\p{Han}{1,2}|[^\s\p{Han}]+)\s*|\s+`)

// tokens splits an answer into the deltas a stream sends: a word with its
// trailing space, or up to two Han characters. Joined, they are the answer.
func tokens(answer string) []string {
	return tokenRE.FindAllString(answer, -1)
}
