package sentreports

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/ecdash/ecdash/client"
)

// Problem is one thing wrong with a report file, and where.
type Problem struct {
	Line, Column int    // 1-based; 0 when the problem has no place
	Path         string // JSON path, e.g. "payloads[0].location.latitude"
	Message      string
}

func (p Problem) String() string {
	var b strings.Builder
	if p.Line > 0 {
		fmt.Fprintf(&b, "line %d column %d: ", p.Line, p.Column)
	}
	if p.Path != "" {
		b.WriteString(p.Path + ": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// InvalidError is a report file that was not sent because of Problems.
type InvalidError struct {
	Name     string // the file as named by the user
	Problems []Problem
}

// maxShownProblems keeps the error one readable line.
const maxShownProblems = 8

func (e *InvalidError) Error() string {
	var b strings.Builder
	b.WriteString(e.Name + ": not sent: ")
	if n := len(e.Problems); n > 1 {
		fmt.Fprintf(&b, "%d problems: ", n)
	}
	for i, p := range e.Problems {
		if i == maxShownProblems {
			fmt.Fprintf(&b, "; and %d more", len(e.Problems)-i)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
	}
	return b.String()
}

// Members a report file may have. Anything else is refused: the client
// would drop it without a word, and a misspelt "powr" would lose the value.
var (
	reportMembers   = []string{"eventId", "name", "payloads"}
	payloadMembers  = []string{"payloadType", "resourceId", "location", "actionType", "current", "power", "stateOfCharge", "batteryCapacity"}
	locationMembers = []string{"latitude", "longitude"}
)

// DecodeRequest reads a report file (a ReportRequest as JSON) and checks it
// before anything is sent: JSON syntax (with line and column), no unknown
// or repeated members, eventId present, and each payload a
// VehicleChargeAction with a resourceId, a location with latitude in
// [-90, 90] and longitude in [-180, 180], actionType Start or Stop,
// numbers (or null) for current, power, stateOfCharge and batteryCapacity,
// and one payload per vehicle. A payload without a payloadType is sent as
// VehicleChargeAction. Every problem found is listed in an *InvalidError;
// name labels the file in it. Values are kept as written: real data mixes
// units, and the server is the judge of plausibility.
func DecodeRequest(name string, data []byte) (client.ReportRequest, error) {
	v := validator{p: &treeParser{data: data}}
	root, problems := parseTree(data)
	v.problems = problems
	var req client.ReportRequest
	if root != nil {
		req = v.report(root)
	}
	if len(v.problems) > 0 {
		slices.SortStableFunc(v.problems, func(a, b Problem) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
		})
		return client.ReportRequest{}, &InvalidError{Name: name, Problems: v.problems}
	}
	return req, nil
}

type validator struct {
	p        *treeParser
	problems []Problem
}

func (v *validator) add(n *jnode, path, format string, args ...any) {
	v.problems = append(v.problems, v.p.problemAt(n.off, path, fmt.Sprintf(format, args...)))
}

func (v *validator) report(n *jnode) client.ReportRequest {
	var req client.ReportRequest
	if n.kind != '{' {
		v.add(n, "", "a report must be a JSON object {\"eventId\": …, \"payloads\": […]}, got %s", n.describe())
		return req
	}
	v.members(n, "", reportMembers)
	req.EventID = v.requiredString(n, "", "eventId")
	if nm, ok := n.fields["name"]; ok && nm.kind != 'n' {
		if nm.kind != '"' {
			v.add(nm, "name", "must be a string, got %s", nm.describe())
		}
		req.Name = nm.str
	}
	ps, ok := n.fields["payloads"]
	switch {
	case !ok:
		v.add(n, "payloads", "is required: one VehicleChargeAction per vehicle")
	case ps.kind != '[':
		v.add(ps, "payloads", "must be an array of VehicleChargeAction payloads, got %s", ps.describe())
	case len(ps.items) == 0:
		v.add(ps, "payloads", "is empty: a report needs at least one VehicleChargeAction")
	}
	firstSeen := map[string]int{}
	for i, item := range ps.itemsOrNil() {
		path := "payloads[" + strconv.Itoa(i) + "]"
		p := v.payload(item, path)
		if p.ResourceID != "" {
			if j, dup := firstSeen[p.ResourceID]; dup {
				v.add(item.fields["resourceId"], path+".resourceId",
					"vehicle %q already has payloads[%d]: a report holds one payload per vehicle (send another report for its next action)", p.ResourceID, j)
			} else {
				firstSeen[p.ResourceID] = i
			}
		}
		req.Payloads = append(req.Payloads, p)
	}
	return req
}

func (n *jnode) itemsOrNil() []*jnode {
	if n == nil || n.kind != '[' {
		return nil
	}
	return n.items
}

func (v *validator) payload(n *jnode, path string) client.VehicleChargeActionPayload {
	var p client.VehicleChargeActionPayload
	if n.kind != '{' {
		v.add(n, path, "must be a VehicleChargeAction object, got %s", n.describe())
		return p
	}
	v.members(n, path, payloadMembers)
	if pt, ok := n.fields["payloadType"]; ok && !(pt.kind == '"' && pt.str == client.ReportPayloadVehicleChargeAction) {
		v.add(pt, path+".payloadType", "must be %q (the only report payload v1 defines), got %s", client.ReportPayloadVehicleChargeAction, pt.describe())
	}
	p.PayloadType = client.ReportPayloadVehicleChargeAction
	p.ResourceID = v.requiredString(n, path, "resourceId")
	if at, ok := n.fields["actionType"]; !ok {
		v.add(n, path+".actionType", "is required: \"Start\" or \"Stop\"")
	} else if at.kind != '"' || (at.str != string(client.ActionStart) && at.str != string(client.ActionStop)) {
		v.add(at, path+".actionType", "must be \"Start\" or \"Stop\", got %s", at.describe())
	} else {
		p.ActionType = client.ActionType(at.str)
	}
	p.Location = v.location(n, path)
	for _, f := range []struct {
		name string
		dst  **float64
	}{{"current", &p.Current}, {"power", &p.Power}, {"stateOfCharge", &p.StateOfCharge}, {"batteryCapacity", &p.BatteryCapacity}} {
		if x, ok := n.fields[f.name]; ok && x.kind != 'n' {
			*f.dst = v.number(x, path+"."+f.name)
		}
	}
	return p
}

func (v *validator) location(payload *jnode, path string) client.Location {
	var loc client.Location
	n, ok := payload.fields["location"]
	path += ".location"
	switch {
	case !ok:
		v.add(payload, path, "is required: {\"latitude\": …, \"longitude\": …}")
		return loc
	case n.kind != '{':
		v.add(n, path, "must be an object {\"latitude\": …, \"longitude\": …}, got %s", n.describe())
		return loc
	}
	v.members(n, path, locationMembers)
	for _, c := range []struct {
		name  string
		limit float64
		dst   *float64
	}{{"latitude", 90, &loc.Latitude}, {"longitude", 180, &loc.Longitude}} {
		x, ok := n.fields[c.name]
		if !ok {
			v.add(n, path+"."+c.name, "is required (degrees, WGS84)")
			continue
		}
		f := v.number(x, path+"."+c.name)
		if f == nil {
			continue
		}
		if math.Abs(*f) > c.limit {
			v.add(x, path+"."+c.name, "%s is out of range: must be between -%g and %g degrees", x.num, c.limit, c.limit)
			continue
		}
		*c.dst = *f
	}
	return loc
}

// number reads a JSON number as a finite float64 (nil after a problem).
func (v *validator) number(n *jnode, path string) *float64 {
	if n.kind != '0' {
		v.add(n, path, "must be a number, got %s", n.describe())
		return nil
	}
	f, err := strconv.ParseFloat(n.num.String(), 64)
	if err != nil || math.IsInf(f, 0) {
		v.add(n, path, "%s is too large for a number", n.num)
		return nil
	}
	return &f
}

func (v *validator) requiredString(obj *jnode, path, name string) string {
	full := name
	if path != "" {
		full = path + "." + name
	}
	x, ok := obj.fields[name]
	switch {
	case !ok:
		v.add(obj, full, "is required")
	case x.kind != '"':
		v.add(x, full, "must be a string, got %s", x.describe())
	case strings.TrimSpace(x.str) == "":
		v.add(x, full, "must not be empty")
	default:
		return x.str
	}
	return ""
}

// members flags every member of obj not in allowed.
func (v *validator) members(obj *jnode, path string, allowed []string) {
	for _, k := range obj.keys {
		if slices.Contains(allowed, k) {
			continue
		}
		full := k
		if path != "" {
			full = path + "." + k
		}
		msg := "unknown member: allowed are " + strings.Join(allowed, ", ")
		for _, a := range allowed {
			if strings.EqualFold(a, k) || close1(a, k) {
				msg = fmt.Sprintf("unknown member: did you mean %q?", a)
				break
			}
		}
		v.add(obj.fields[k], full, "%s", msg)
	}
}

// close1 reports whether a and b differ by one edit (a typo).
func close1(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > 1 {
		return false
	}
	i := 0
	for i < len(b) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:]
	}
	return a[i+1:] == b[i:]
}
