package sandbox

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// route is one path pattern and the handler of each method it allows.
// Segments in braces are path parameters, read with r.PathValue.
type route struct {
	segments []string
	methods  map[string]http.HandlerFunc
}

// router matches the API's few paths itself, rather than with
// http.ServeMux, so that 404 and 405 answers are problem+json like every
// other error, and 405 carries an Allow header.
type router struct{ routes []route }

func (rt *router) handle(pattern, method string, h http.HandlerFunc) {
	segs := strings.Split(strings.Trim(pattern, "/"), "/")
	for i := range rt.routes {
		if slices.Equal(rt.routes[i].segments, segs) {
			rt.routes[i].methods[method] = h
			return
		}
	}
	rt.routes = append(rt.routes, route{segments: segs, methods: map[string]http.HandlerFunc{method: h}})
}

func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	segs := strings.Split(strings.TrimPrefix(r.URL.EscapedPath(), "/"), "/")
	for _, ro := range rt.routes {
		params, ok := match(ro.segments, segs)
		if !ok {
			continue
		}
		h, ok := ro.methods[r.Method]
		if !ok {
			allow := sortedKeys(ro.methods)
			w.Header().Set("Allow", strings.Join(allow, ", "))
			writeProblem(w, r, http.StatusMethodNotAllowed, "",
				fmt.Sprintf("%s is not allowed on %s; allowed: %s", r.Method, r.URL.Path, strings.Join(allow, ", ")), nil)
			return
		}
		for k, v := range params {
			r.SetPathValue(k, v)
		}
		h(w, r)
		return
	}
	writeNotFound(w, r, "no such path: "+r.URL.Path)
}

// match compares a request's escaped path segments with a pattern. A path
// parameter matches one non-empty segment, unescaped (so ids may contain
// "/" as %2F).
func match(pattern, segs []string) (map[string]string, bool) {
	if len(pattern) != len(segs) {
		return nil, false
	}
	var params map[string]string
	for i, p := range pattern {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			v, err := url.PathUnescape(segs[i])
			if err != nil || v == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[p[1:len(p)-1]] = v
			continue
		}
		if p != segs[i] {
			return nil, false
		}
	}
	return params, true
}

// routes wires every operation: the 13 of the API, the GET /reports
// extension and the POST /events (dispatch) extension.
func (s *Server) routes() http.Handler {
	rt := &router{}
	rt.handle("/events", http.MethodGet, s.listEvents)
	rt.handle("/events", http.MethodPost, s.dispatchEvent)
	rt.handle("/events/{eventId}", http.MethodGet, s.getEvent)
	rt.handle("/reports", http.MethodPost, s.createReport)
	rt.handle("/reports", http.MethodGet, s.listReports)
	rt.handle("/reports/{reportId}", http.MethodGet, s.getReport)
	rt.handle("/resources", http.MethodGet, s.listResources)
	rt.handle("/resources", http.MethodPost, s.createResource)
	rt.handle("/resources", http.MethodPut, s.updateResource)
	rt.handle("/resources", http.MethodDelete, s.deleteResource)
	rt.handle("/resources/{resourceId}", http.MethodGet, s.getResource)
	rt.handle("/subscriptions", http.MethodGet, s.listSubscriptions)
	rt.handle("/subscriptions", http.MethodPost, s.createSubscription)
	rt.handle("/subscriptions/{subscriptionId}", http.MethodGet, s.getSubscription)
	rt.handle("/subscriptions/{subscriptionId}", http.MethodPut, s.updateSubscription)
	rt.handle("/subscriptions/{subscriptionId}", http.MethodDelete, s.deleteSubscription)
	return s.logRequests(recoverPanics(s.requireToken(rt)))
}

// statusWriter remembers the status a handler answered, for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// logRequests logs method, path and status of each request; never headers,
// query values or bodies, which may carry tokens or webhook secrets.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		s.log.LogAttrs(r.Context(), slog.LevelInfo, "request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", sw.status),
			slog.Duration("elapsed", time.Since(start)))
	})
}

// recoverPanics turns a handler bug into a 500 problem instead of a dropped
// connection.
func recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				writeProblem(w, r, http.StatusInternalServerError, "", "internal error in the sandbox", nil)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
