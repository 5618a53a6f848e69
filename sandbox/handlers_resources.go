package sandbox

import (
	"net/http"
	"net/url"

	"github.com/ecdash/ecdash/client"
)

func (s *Server) listResources(w http.ResponseWriter, r *http.Request) {
	writeList(s, w, "resources", s.snapshot().Resources)
}

// getResource looks a vehicle up by the partner's resourceId.
func (s *Server) getResource(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("resourceId")
	st := s.snapshot()
	i := st.resourceIndex(id)
	if i < 0 {
		writeNotFound(w, r, "no resource with resourceId "+quote(id))
		return
	}
	writeJSON(w, http.StatusOK, st.Resources[i])
}

// createResource enrolls a vehicle: 201 with the stored resource, 409 when
// the resourceId is taken.
func (s *Server) createResource(w http.ResponseWriter, r *http.Request) {
	obj, ok := readObject(w, r)
	if !ok {
		return
	}
	req, errs := parseResourceRequest(obj, s.clock())
	if len(errs) > 0 {
		writeValidation(w, r, errs)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.resourceIndex(req.ResourceID) >= 0 {
		writeProblem(w, r, http.StatusConflict, "", "a resource with resourceId "+quote(req.ResourceID)+" already exists", nil)
		return
	}
	next := s.st
	res := resourceFrom(next.newID(), req)
	next.Resources = appended(next.Resources, res)
	if !s.commitOrFail(w, r, next) {
		return
	}
	w.Header().Set("Location", "/resources/"+url.PathEscape(res.ResourceID))
	writeJSON(w, s.created, res)
}

// updateResource replaces the vehicle named by the resourceId query
// parameter. The body's resourceId may rename it; renaming onto another
// enrolled vehicle's resourceId is a 409.
func (s *Server) updateResource(w http.ResponseWriter, r *http.Request) {
	target, ok := resourceIDQuery(w, r)
	if !ok {
		return
	}
	obj, ok := readObject(w, r)
	if !ok {
		return
	}
	if _, present := obj.raw("resourceId"); !present {
		obj.m["resourceId"] = []byte(quote(target)) // PUT may leave it to the query
	}
	req, errs := parseResourceRequest(obj, s.clock())
	if len(errs) > 0 {
		writeValidation(w, r, errs)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.st.resourceIndex(target)
	if i < 0 {
		writeNotFound(w, r, "no resource with resourceId "+quote(target))
		return
	}
	if j := s.st.resourceIndex(req.ResourceID); j >= 0 && j != i {
		writeProblem(w, r, http.StatusConflict, "", "a resource with resourceId "+quote(req.ResourceID)+" already exists", nil)
		return
	}
	next := s.st
	res := resourceFrom(next.Resources[i].ID, req)
	next.Resources = replaced(next.Resources, i, res)
	if !s.commitOrFail(w, r, next) {
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// deleteResource unenrolls a vehicle: 204, or 404 when unknown.
func (s *Server) deleteResource(w http.ResponseWriter, r *http.Request) {
	target, ok := resourceIDQuery(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.st.resourceIndex(target)
	if i < 0 {
		writeNotFound(w, r, "no resource with resourceId "+quote(target))
		return
	}
	next := s.st
	next.Resources = removed(next.Resources, i)
	if !s.commitOrFail(w, r, next) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// resourceIDQuery reads the required ?resourceId= of PUT and DELETE.
func resourceIDQuery(w http.ResponseWriter, r *http.Request) (string, bool) {
	id := r.URL.Query().Get("resourceId")
	if id == "" {
		writeValidation(w, r, fieldErrors{"resourceId": {"query parameter is required"}})
		return "", false
	}
	return id, true
}

func resourceFrom(id string, req client.ResourceRequest) client.Resource {
	return client.Resource{ID: id, UserID: req.UserID, ResourceID: req.ResourceID, Metadata: req.Metadata}
}
