package sandbox

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/ecdash/ecdash/client"
)

// Seed sizes: a mid-sized partner account.
const (
	seedUsers    = 12
	seedVehicles = 40
)

// Size is how large a generated account is: the hand-made seed (40
// vehicles, the two-day schedule of 13 events) when zero, an aggregator's
// account otherwise.
type Size struct {
	Vehicles int // enrolled vehicles (0: 40)
	Events   int // events (0 or fewer than the schedule: the schedule's 13)
}

func (z Size) vehicles() int { return cmp.Or(z.Vehicles, seedVehicles) }

// users is how many users own the vehicles: households with one or two
// cars, and a few company accounts.
func (z Size) users() int { return max(seedUsers, z.vehicles()/4) }

// seedRand is the generator of everything the seed draws, a pure function
// of the seed so that --seed N always gives the same account.
func seedRand(seed int64, stream uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), stream))
}

// homeOf is where a user's vehicles park and charge. It is a function of
// the user id, not stored, so a vehicle enrolled later through the API gets
// a location too.
func homeOf(userID string) place {
	h := uint32(2166136261) // FNV-1a, inline: 100,000 vehicles look theirs up
	for i := 0; i < len(userID); i++ {
		h = (h ^ uint32(userID[i])) * 16777619
	}
	return osloPlaces[h%uint32(len(osloPlaces))]
}

// seedState builds the account a fresh sandbox starts with: users, their
// vehicles, and events around now. Reports come later, from the fleet.
func seedState(seed int64, now time.Time, size Size) state {
	st := state{Seed: seed}
	now = now.UTC()
	rng := seedRand(seed, 1)
	st.Resources = seedResources(&st, rng, now, size)
	st.Events = seedEvents(&st, rng, now)
	if extra := size.Events - len(st.Events); extra > 0 {
		all := make([]client.Event, extra, extra+len(st.Events)) // no copy of 100,000 events to append a dozen
		generateEvents(&st, seed, now, all)
		st.Events = append(all, st.Events...)
	}
	return st
}

// seedResources enrolls seedVehicles vehicles across seedUsers users: a few
// company accounts hold many cars, most households one or two.
func seedResources(st *state, rng *rand.Rand, now time.Time, size Size) []client.Resource {
	nUsers, nVehicles := size.users(), size.vehicles()
	users := make([]string, nUsers)
	for i := range users {
		users[i] = st.newID()
	}
	owner := make([]int, 0, nVehicles)
	for i := range users { // every user has at least one vehicle
		owner = append(owner, i)
	}
	weights := make([]int, nUsers)
	for i := range weights {
		weights[i] = 1 + rng.IntN(3)
	}
	weights[rng.IntN(nUsers)] += 10 // a company account
	picker := newWeightedPicker(weights)
	for len(owner) < nVehicles {
		owner = append(owner, picker.pick(rng))
	}
	rng.Shuffle(len(owner), func(i, j int) { owner[i], owner[j] = owner[j], owner[i] })

	modelWeights := make([]int, len(vehicleCatalog))
	for i, m := range vehicleCatalog {
		modelWeights[i] = m.Weight
	}
	out := make([]client.Resource, 0, nVehicles)
	number := 0
	digits := max(4, len(strconv.Itoa(nVehicles*13/10))) // numbers have holes
	for _, u := range owner {
		number += 1 + gap(rng) // numbers of vehicles since unenrolled are not reused
		m := vehicleCatalog[pickWeighted(rng, modelWeights)]
		year := seedYear(rng, m, now)
		out = append(out, client.Resource{
			ID:         st.newID(),
			UserID:     users[u],
			ResourceID: fmt.Sprintf("ev-%0*d", digits, number),
			Metadata: client.VehicleResourceMetadata{
				ResourceType: "Vehicle",
				Brand:        m.Brand,
				Model:        m.Model,
				Year:         &year,
				VIN:          makeVIN(rng, m.WMI, m.VDS, year),
			},
		})
	}
	return out
}

// gap is 0 most of the time and sometimes 1-3: resource numbers with holes.
func gap(rng *rand.Rand) int {
	if rng.IntN(100) < 15 {
		return 1 + rng.IntN(3)
	}
	return 0
}

// seedYear picks a model year the model was sold in, no later than the
// clock allows (validation accepts up to next year).
func seedYear(rng *rand.Rand, m vehicleModel, now time.Time) int {
	last := min(m.LastYear, now.Year()+1)
	first := min(m.FirstYear, last)
	return first + rng.IntN(last-first+1)
}

func pickWeighted(rng *rand.Rand, weights []int) int { return newWeightedPicker(weights).pick(rng) }

// weightedPicker draws indices with probability proportional to their
// weight, in O(log n) a draw (an account of 100,000 vehicles draws 33,000
// owners' weights 100,000 times).
type weightedPicker struct{ cum []int }

func newWeightedPicker(weights []int) weightedPicker {
	cum := make([]int, len(weights))
	total := 0
	for i, w := range weights {
		total += w
		cum[i] = total
	}
	return weightedPicker{cum}
}

func (p weightedPicker) pick(rng *rand.Rand) int {
	n := rng.IntN(p.cum[len(p.cum)-1])
	i, _ := slices.BinarySearch(p.cum, n+1)
	return i
}

// seededEvent is one line of the seed's dispatch schedule, relative to now.
// What the event is for (program, name, target) follows from the local hour
// it starts at, so an "Evening peak reduction" really is in the evening.
type seededEvent struct {
	offset, duration time.Duration // start relative to now
	payload          client.PayloadType
	reserve          bool          // a frequency-reserve activation, which comes at any hour
	randomize        time.Duration // 0 is null
}

// seedSchedule is two days of a Norwegian flexibility programme: past events
// (which get their reports from the fleet), one that started about 20
// minutes ago, and upcoming ones from ten minutes to a day ahead, of both
// payload types.
var seedSchedule = []seededEvent{
	{-46 * time.Hour, 2 * time.Hour, client.PayloadPowerLevel, false, 10 * time.Minute},
	{-38 * time.Hour, 90 * time.Minute, client.PayloadCurrentLevel, false, 0},
	{-31 * time.Hour, 3 * time.Hour, client.PayloadCurrentLevel, false, 15 * time.Minute},
	{-22 * time.Hour, 2 * time.Hour, client.PayloadPowerLevel, false, 5 * time.Minute},
	{-16 * time.Hour, 45 * time.Minute, client.PayloadCurrentLevel, true, 0},
	{-6 * time.Hour, time.Hour, client.PayloadPowerLevel, false, 10 * time.Minute},
	{-150 * time.Minute, 90 * time.Minute, client.PayloadCurrentLevel, true, 5 * time.Minute},
	{-20 * time.Minute, 2 * time.Hour, client.PayloadPowerLevel, false, 15 * time.Minute},
	{15 * time.Minute, time.Hour, client.PayloadCurrentLevel, true, 0},
	{time.Hour, 2 * time.Hour, client.PayloadCurrentLevel, false, 10 * time.Minute},
	{4 * time.Hour, 90 * time.Minute, client.PayloadPowerLevel, false, 0},
	{22 * time.Hour, 2 * time.Hour, client.PayloadPowerLevel, false, 15 * time.Minute},
	{26 * time.Hour, 3 * time.Hour, client.PayloadCurrentLevel, false, 5 * time.Minute},
}

// seedEvents turns seedSchedule into events targeting 5-25 of the vehicles.
func seedEvents(st *state, rng *rand.Rand, now time.Time) []client.Event {
	out := make([]client.Event, 0, len(seedSchedule))
	anchor := seedAnchor(now)
	for _, se := range seedSchedule {
		start := anchor.Add(se.offset)
		prog := programAt(start, se.reserve, rng)
		created := eventCreated(rng, prog, start, anchor)
		modified := created
		if rng.IntN(100) < 30 { // some were amended after publication
			modified = minTime(created.Add(time.Duration(5+rng.IntN(55))*time.Minute), anchor)
		}
		targets := pickTargets(rng, st.Resources, 5+rng.IntN(21))
		ids := make([]string, len(targets))
		for i, t := range targets {
			ids[i] = t.ResourceID
		}
		priority := prog.priority
		out = append(out, client.Event{
			ID:                   st.newID(),
			Name:                 prog.name,
			Priority:             &priority,
			ProgramID:            prog.id,
			CreatedDateTime:      created,
			ModificationDateTime: modified,
			TargetResources:      targets,
			ReportDescriptors: []client.ReportDescriptor{{
				PayloadType:     client.ReportPayloadVehicleChargeAction,
				TargetResources: ids,
			}},
			IntervalPeriod: client.IntervalPeriod{Start: start, Duration: se.duration, RandomizeStart: se.randomize},
			Payload:        client.EventPayload{Type: se.payload, Value: prog.target(se.payload, rng), HasValue: true},
		})
	}
	slices.SortStableFunc(out, func(a, b client.Event) int {
		return a.IntervalPeriod.Start.Compare(b.IntervalPeriod.Start)
	})
	return out
}

// seedAnchor is the moment a seeded account is placed around: now, down to
// five minutes. Every seeded time is a fixed offset from it, so the same
// seed started later gives the same account moved by the five-minute steps
// between the two starts (the active event started 20-25 minutes ago, the
// next begins in 10-15, whenever the sandbox starts); events land on round
// clock times, as operators schedule them.
func seedAnchor(now time.Time) time.Time { return now.UTC().Truncate(5 * time.Minute) }

// program is what an event is for.
type program struct {
	id, name string
	priority int
	// raise is true for programmes that ask for more charging (soaking up
	// surplus), false for those that ask for less (shaving a peak).
	raise bool
}

// target is the per-vehicle value: modest for reductions, high for soaks.
func (p program) target(pt client.PayloadType, rng *rand.Rand) float64 {
	var choices []float64
	switch {
	case pt == client.PayloadPowerLevel && p.raise:
		choices = []float64{7400, 11000}
	case pt == client.PayloadPowerLevel:
		choices = []float64{3700, 7400}
	case p.raise:
		choices = []float64{16, 32}
	default:
		choices = []float64{6, 10}
	}
	return choices[rng.IntN(len(choices))]
}

// programAt is the programme an event starting at t belongs to, by Oslo
// local time: peaks in the morning and evening, solar surplus at midday,
// cheap night power to fill the valley; reserves at any hour.
func programAt(t time.Time, reserve bool, rng *rand.Rand) program {
	// One draw whatever the hour: what is drawn after it (targets, times)
	// then does not depend on the time of day the account was made at.
	pick := rng.IntN(6)
	if reserve {
		names := []string{"FFR activation", "mFRR down-regulation", "Frequency reserve test"}
		return program{"frequency-reserve", names[pick%len(names)], 1, false}
	}
	switch h := osloTime(t).Hour(); {
	case h >= 6 && h < 10:
		return program{"peak-shaving-oslo", "Morning peak reduction", 2, false}
	case h >= 10 && h < 15:
		names := []string{"Midday solar soak", "Solar surplus absorption"}
		return program{"solar-soak", names[pick%len(names)], 4, true}
	case h >= 15 && h < 21:
		names := []string{"Evening peak reduction", "Cold snap peak relief"}
		return program{"peak-shaving-oslo", names[pick%len(names)], 2, false}
	default:
		return program{"valley-fill", "Night valley fill", 5, true}
	}
}

// osloTime converts to Norwegian local time (CET, CEST from the last Sunday
// of March to the last Sunday of October, switching at 01:00 UTC) without
// depending on the machine's time zone database.
func osloTime(t time.Time) time.Time {
	t = t.UTC()
	if summerStart, summerEnd := lastSunday(t.Year(), time.March), lastSunday(t.Year(), time.October); !t.Before(summerStart) && t.Before(summerEnd) {
		return t.In(osloSummer)
	}
	return t.In(osloWinter)
}

// The two offsets of Norwegian time, made once (a large account places
// 100,000 events).
var (
	osloWinter = time.FixedZone("Europe/Oslo", 3600)
	osloSummer = time.FixedZone("Europe/Oslo", 7200)
)

// lastSunday is 01:00 UTC on the last Sunday of month in year.
func lastSunday(year int, month time.Month) time.Time {
	d := time.Date(year, month+1, 0, 1, 0, 0, 0, time.UTC) // last day of month
	return d.AddDate(0, 0, -int(d.Weekday()))
}

// eventCreated is when the operator published the event: hours ahead for
// planned programs, minutes ahead for frequency reserves; never after now.
func eventCreated(rng *rand.Rand, prog program, start, now time.Time) time.Time {
	lead := time.Duration(2*60+rng.IntN(18*60)) * time.Minute
	if prog.id == "frequency-reserve" {
		lead = time.Duration(5+rng.IntN(25)) * time.Minute
	}
	created := start.Add(-lead).Add(time.Duration(rng.IntN(60)) * time.Second)
	if created.After(now) {
		created = now.UTC().Add(-time.Duration(1+rng.IntN(30)) * time.Minute).Truncate(time.Second)
	}
	return created
}

// pickTargets chooses n distinct vehicles, listed in resourceId order, each
// at its owner's home location.
func pickTargets(rng *rand.Rand, resources []client.Resource, n int) []client.TargetResource {
	return pickTargetsAt(rng, resources, nil, n)
}

// pickTargetsAt is pickTargets with the resources' locations known (homes,
// by resource index; nil: looked up).
func pickTargetsAt(rng *rand.Rand, resources []client.Resource, homes []string, n int) []client.TargetResource {
	n = min(n, len(resources))
	var picked []int
	if len(resources) <= 1000 {
		picked = rng.Perm(len(resources))[:n]
	} else { // a few of many: draw until n are distinct, not a permutation of all
		picked = make([]int, 0, n)
		for len(picked) < n {
			if i := rng.IntN(len(resources)); !slices.Contains(picked, i) { // n is a few dozen
				picked = append(picked, i)
			}
		}
	}
	slices.Sort(picked) // a seeded fleet is in resourceId order: then so are these
	out := make([]client.TargetResource, n)
	for i, p := range picked {
		r := &resources[p]
		home := ""
		if homes != nil {
			home = homes[p]
		} else {
			home = homeOf(r.UserID).ID
		}
		out[i] = client.TargetResource{ResourceID: r.ResourceID, LocationID: home}
	}
	byID := func(a, b client.TargetResource) int { return cmp.Compare(a.ResourceID, b.ResourceID) }
	if !slices.IsSortedFunc(out, byID) {
		slices.SortFunc(out, byID)
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// generateEvents makes len(out) more events for a large account, before the
// schedule's: one every eventSpacing back from two days ago, so that the
// list is as long as asked while the hand-made days around now stay as they
// are. They are past events older than the fleet's report window
// (reportWindow), so they carry no reports: a server keeps reports for a
// while, not forever.
func generateEvents(st *state, seed int64, now time.Time, out []client.Event) {
	const eventSpacing = 20 * time.Minute
	n := len(out)
	first := seedAnchor(now).Add(-48*time.Hour - time.Duration(n)*eventSpacing)
	firstID := st.NextID
	st.NextID += uint64(n)
	homes := make([]string, len(st.Resources)) // looked up once, not once per target
	for i := range st.Resources {
		homes[i] = homeOf(st.Resources[i].UserID).ID
	}
	// Chunks of a fixed size, each drawn from its own stream: made on every
	// core, the account is still the same for the same seed on any machine.
	const chunk = 4096
	var wg sync.WaitGroup
	for c := 0; c*chunk < n; c++ {
		wg.Go(func() {
			rng := seedRand(seed, generatedStream+uint64(c))
			for i := c * chunk; i < min((c+1)*chunk, n); i++ {
				out[i] = generatedEvent(st, homes, rng, first.Add(time.Duration(i)*eventSpacing), uuidFor(st.Seed, firstID+uint64(i)))
			}
		})
	}
	wg.Wait()
}

// generatedStream is the first random stream of generated events' chunks.
const generatedStream = 1000

// generatedEvent is one generated event starting at start.
func generatedEvent(st *state, homes []string, rng *rand.Rand, start time.Time, id string) client.Event {
	types := [...]client.PayloadType{client.PayloadPowerLevel, client.PayloadCurrentLevel}
	prog := programAt(start, rng.IntN(10) == 0, rng)
	pt := types[rng.IntN(2)]
	created := start.Add(-time.Duration(2+rng.IntN(18)) * time.Hour)
	targets := pickTargetsAt(rng, st.Resources, homes, 5+rng.IntN(21))
	ids := make([]string, len(targets))
	for j, t := range targets {
		ids[j] = t.ResourceID
	}
	priority := prog.priority
	return client.Event{
		ID: id, Name: prog.name, Priority: &priority, ProgramID: prog.id,
		CreatedDateTime: created, ModificationDateTime: created,
		TargetResources:   targets,
		ReportDescriptors: []client.ReportDescriptor{{PayloadType: client.ReportPayloadVehicleChargeAction, TargetResources: ids}},
		IntervalPeriod: client.IntervalPeriod{Start: start, Duration: time.Duration(3+rng.IntN(10)) * 15 * time.Minute,
			RandomizeStart: time.Duration(rng.IntN(4)) * 5 * time.Minute},
		Payload: client.EventPayload{Type: pt, Value: prog.target(pt, rng), HasValue: true},
	}
}
