package sandbox

import (
	"net/http"
	"net/url"
)

func (s *Server) listSubscriptions(w http.ResponseWriter, r *http.Request) {
	writeList(s, w, "subscriptions", s.snapshot().Subscriptions)
}

func (s *Server) getSubscription(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("subscriptionId")
	st := s.snapshot()
	i := st.subscriptionIndex(id)
	if i < 0 {
		writeNotFound(w, r, "no subscription with id "+quote(id))
		return
	}
	writeJSON(w, http.StatusOK, st.Subscriptions[i])
}

// createSubscription registers a webhook: 201 with the stored subscription,
// secret included (the API echoes it; only logs and screens mask it). Empty
// eventPayloadTypes or operationTypes lists match every type.
func (s *Server) createSubscription(w http.ResponseWriter, r *http.Request) {
	obj, ok := readObject(w, r)
	if !ok {
		return
	}
	sub, errs := parseSubscription(obj)
	if len(errs) > 0 {
		writeValidation(w, r, errs)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.st
	sub.ID = next.newID() // a client cannot choose the id
	next.Subscriptions = appended(next.Subscriptions, sub)
	if !s.commitOrFail(w, r, next) {
		return
	}
	w.Header().Set("Location", "/subscriptions/"+url.PathEscape(sub.ID))
	writeJSON(w, s.created, sub)
}

// updateSubscription replaces a subscription. A body id, if any, must be the
// path's. An omitted or empty webhookSecret keeps the stored one, because
// clients only ever show it masked and cannot send it back.
func (s *Server) updateSubscription(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("subscriptionId")
	obj, ok := readObject(w, r)
	if !ok {
		return
	}
	sub, errs := parseSubscription(obj)
	if sub.ID != "" && sub.ID != id {
		errs.add("id", "must match the subscription id in the path (%s), got %s", quote(id), quote(sub.ID))
	}
	if len(errs) > 0 {
		writeValidation(w, r, errs)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.st.subscriptionIndex(id)
	if i < 0 {
		writeNotFound(w, r, "no subscription with id "+quote(id))
		return
	}
	sub.ID = id
	if sub.WebhookSecret == "" {
		sub.WebhookSecret = s.st.Subscriptions[i].WebhookSecret
	}
	next := s.st
	next.Subscriptions = replaced(next.Subscriptions, i, sub)
	if !s.commitOrFail(w, r, next) {
		return
	}
	writeJSON(w, http.StatusOK, sub)
}

func (s *Server) deleteSubscription(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("subscriptionId")
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.st.subscriptionIndex(id)
	if i < 0 {
		writeNotFound(w, r, "no subscription with id "+quote(id))
		return
	}
	next := s.st
	next.Subscriptions = removed(next.Subscriptions, i)
	if !s.commitOrFail(w, r, next) {
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
