package sandbox

import (
	"fmt"
	"net/url"
	"slices"
	"time"

	"github.com/ecdash/ecdash/client"
)

// minVehicleYear is the oldest model year the sandbox accepts; the newest is
// next year by the sandbox's clock (manufacturers sell next year's models).
const minVehicleYear = 1990

// parseResourceRequest validates a POST or PUT /resources body.
func parseResourceRequest(o object, now time.Time) (client.ResourceRequest, fieldErrors) {
	errs := fieldErrors{}
	var req client.ResourceRequest
	req.UserID, _ = o.str(errs, "userId")
	req.ResourceID, _ = o.requiredStr(errs, "resourceId")
	if md, ok := o.child(errs, "metadata"); ok {
		if rt, ok := md.str(errs, "resourceType"); ok {
			if rt != "Vehicle" {
				errs.add(md.field("resourceType"), "must be Vehicle, got %q", rt)
			}
			req.Metadata.ResourceType = rt
		}
		req.Metadata.Brand, _ = md.str(errs, "brand")
		req.Metadata.Model, _ = md.str(errs, "model")
		if y, ok := md.integer(errs, "year"); ok && y != nil {
			if maxYear := now.Year() + 1; *y < minVehicleYear || *y > maxYear {
				errs.add(md.field("year"), "must be between %d and %d, got %d", minVehicleYear, maxYear, *y)
			}
			req.Metadata.Year = y
		}
		if vin, ok := md.str(errs, "vin"); ok {
			if !validVINFormat(vin) {
				errs.add(md.field("vin"), "must be 17 characters of A-Z and 0-9 without I, O or Q, got %q", vin)
			}
			req.Metadata.VIN = vin
		}
	}
	if req.Metadata.ResourceType == "" {
		req.Metadata.ResourceType = "Vehicle"
	}
	return req, errs
}

// parseSubscription validates a POST /subscriptions or PUT
// /subscriptions/{id} body; id is the body's id member, if any.
func parseSubscription(o object) (sub client.Subscription, errs fieldErrors) {
	errs = fieldErrors{}
	sub.ID, _ = o.str(errs, "id")
	sub.WebhookSecret, _ = o.str(errs, "webhookSecret")
	if u, ok := o.requiredStr(errs, "webhookUrl"); ok {
		if err := checkWebhookURL(u); err != nil {
			errs.add("webhookUrl", "%v", err)
		}
		sub.WebhookURL = u
	}
	sub.EventPayloadTypes = []client.PayloadType{}
	if names, ok := o.stringList(errs, "eventPayloadTypes"); ok {
		for i, n := range names {
			if !slices.Contains(client.PayloadTypes, client.PayloadType(n)) {
				errs.add(fmt.Sprintf("eventPayloadTypes[%d]", i), "unknown payload type %q: must be one of Unknown, CurrentLevel, PowerLevel", n)
				continue
			}
			sub.EventPayloadTypes = append(sub.EventPayloadTypes, client.PayloadType(n))
		}
	}
	sub.OperationTypes = []client.OperationType{}
	if names, ok := o.stringList(errs, "operationTypes"); ok {
		for i, n := range names {
			if !slices.Contains(client.OperationTypes, client.OperationType(n)) {
				errs.add(fmt.Sprintf("operationTypes[%d]", i), "unknown operation type %q: must be one of Create, Update, Delete", n)
				continue
			}
			sub.OperationTypes = append(sub.OperationTypes, client.OperationType(n))
		}
	}
	return sub, errs
}

// checkWebhookURL accepts only absolute http and https URLs with a host.
// Messages never echo the URL: webhook URLs often carry a token.
func checkWebhookURL(raw string) error {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return fmt.Errorf("must be an absolute http or https URL; this one does not parse")
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("must be an absolute http or https URL, not scheme %q", u.Scheme)
	case u.Host == "":
		return fmt.Errorf("must be an absolute http or https URL with a host")
	case u.User != nil:
		return fmt.Errorf("must not carry credentials in the URL")
	}
	return nil
}

// parseReportRequest validates a POST /reports body.
func parseReportRequest(o object) (client.ReportRequest, fieldErrors) {
	errs := fieldErrors{}
	var req client.ReportRequest
	req.EventID, _ = o.requiredStr(errs, "eventId")
	req.Name, _ = o.str(errs, "name")
	items, ok := o.array(errs, "payloads")
	if _, present := o.raw("payloads"); !present {
		errs.add("payloads", "is required: one VehicleChargeAction per vehicle")
	} else if ok && len(items) == 0 {
		errs.add("payloads", "must hold at least one VehicleChargeAction")
	}
	for i, it := range items {
		p, ok := o.element(errs, "payloads", i, it)
		if !ok {
			continue
		}
		req.Payloads = append(req.Payloads, parseChargeAction(p, errs))
	}
	return req, errs
}

func parseChargeAction(p object, errs fieldErrors) client.VehicleChargeActionPayload {
	var out client.VehicleChargeActionPayload
	if pt, ok := p.requiredStr(errs, "payloadType"); ok {
		if pt != client.ReportPayloadVehicleChargeAction {
			errs.add(p.field("payloadType"), "unknown payload type %q: must be VehicleChargeAction", pt)
		}
		out.PayloadType = pt
	}
	out.ResourceID, _ = p.requiredStr(errs, "resourceId")
	if at, ok := p.requiredStr(errs, "actionType"); ok {
		if at != string(client.ActionStart) && at != string(client.ActionStop) {
			errs.add(p.field("actionType"), "unknown action type %q: must be Start or Stop", at)
		}
		out.ActionType = client.ActionType(at)
	}
	if _, present := p.raw("location"); !present {
		errs.add(p.field("location"), "is required")
	} else if loc, ok := p.child(errs, "location"); ok {
		out.Location = parseLocation(loc, errs)
	}
	out.Current, _ = p.number(errs, "current")
	out.Power, _ = p.number(errs, "power")
	out.StateOfCharge, _ = p.number(errs, "stateOfCharge")
	out.BatteryCapacity, _ = p.number(errs, "batteryCapacity")
	return out
}

func parseLocation(loc object, errs fieldErrors) client.Location {
	var out client.Location
	for _, c := range []struct {
		name  string
		limit float64
		dst   *float64
	}{{"latitude", 90, &out.Latitude}, {"longitude", 180, &out.Longitude}} {
		if _, present := loc.raw(c.name); !present {
			errs.add(loc.field(c.name), "is required")
			continue
		}
		v, ok := loc.number(errs, c.name)
		if !ok || v == nil {
			continue
		}
		if *v < -c.limit || *v > c.limit {
			errs.add(loc.field(c.name), "must be between %g and %g", -c.limit, c.limit)
		}
		*c.dst = *v
	}
	return out
}
