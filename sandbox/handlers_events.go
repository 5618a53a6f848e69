package sandbox

import (
	"net/http"
)

// listEvents answers every event, ordered by interval start.
func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) {
	writeList(s, w, "events", s.snapshot().Events)
}

func (s *Server) getEvent(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("eventId")
	st := s.snapshot()
	i := st.eventIndex(id)
	if i < 0 {
		writeNotFound(w, r, "no event with id "+quote(id))
		return
	}
	writeJSON(w, http.StatusOK, st.Events[i])
}
