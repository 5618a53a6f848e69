package sandbox

import (
	"net/http"
	"net/url"
	"time"

	"github.com/ecdash/ecdash/client"
)

// createReport stores a report for an existing event: 201 with the report
// as v1 answers it (without payloads). An unknown eventId is a 404, as for
// any reference to an object that does not exist; the contract declares it.
func (s *Server) createReport(w http.ResponseWriter, r *http.Request) {
	obj, ok := readObject(w, r)
	if !ok {
		return
	}
	req, errs := parseReportRequest(obj)
	if len(errs) > 0 {
		writeValidation(w, r, errs)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.st.eventIndex(req.EventID)
	if i < 0 {
		writeNotFound(w, r, "no event with id "+quote(req.EventID)+" to report on")
		return
	}
	next := s.st
	rep := newReport(&next, req.EventID, next.Events[i].ProgramID, req.Name, s.clock(), req.Payloads...)
	next.Reports = appended(next.Reports, rep)
	if !s.commitOrFail(w, r, next) {
		return
	}
	rep.Payloads = nil // v1's Report has no payloads; GET /reports shows them
	w.Header().Set("Location", "/reports/"+url.PathEscape(rep.ID))
	writeJSON(w, s.created, rep)
}

// listReports is the extension: every report received, fleet ones
// included, in order of receipt, each with its payloads.
func (s *Server) listReports(w http.ResponseWriter, r *http.Request) {
	writeList(s, w, "reports", s.snapshot().Reports)
}

func (s *Server) getReport(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("reportId")
	st := s.snapshot()
	i := st.reportIndex(id)
	if i < 0 {
		writeNotFound(w, r, "no report with id "+quote(id))
		return
	}
	writeJSON(w, http.StatusOK, st.Reports[i])
}

// newReport is what receiving a report creates, whether a client POSTed it
// or the simulated fleet did at the time of its action.
func newReport(st *state, eventID, programID, name string, at time.Time, payloads ...client.VehicleChargeActionPayload) client.Report {
	return client.Report{
		ID:                   st.newID(),
		EventID:              eventID,
		ProgramID:            programID,
		Name:                 name,
		CreatedDateTime:      at,
		ModificationDateTime: at,
		Payloads:             payloads,
	}
}
