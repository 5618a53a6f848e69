package table

import "strings"

// query is a filter as typed, lower-cased, and its words: a row matches
// when its search text contains every word, in any order ("tesla 2024"
// finds the Teslas of 2024 whichever columns the two words are in).
type query struct {
	text  string
	words []string
}

func newQuery(filter string) query {
	text := strings.ToLower(filter)
	return query{text: text, words: strings.Fields(text)}
}

// all is true when the query filters nothing out (empty, or only spaces).
func (q query) all() bool { return len(q.words) == 0 }

// matches reports whether search text hay holds every word.
func (q query) matches(hay string) bool {
	for _, w := range q.words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// narrows reports whether every row q matches is matched by prev too, so
// that only prev's rows need to be searched: prev's text is part of q's
// (the user typed more), hence each of prev's words is part of one of q's.
func (q query) narrows(prev query) bool {
	return !prev.all() && strings.Contains(q.text, prev.text)
}
