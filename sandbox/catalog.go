package sandbox

import "strings"

// vehicleModel is one battery-electric model common in Norway, with what the
// seed needs for a realistic VIN and what the fleet model needs to charge it.
type vehicleModel struct {
	Brand, Model        string
	WMI, VDS            string // VIN positions 1-3 and 4-8
	FirstYear, LastYear int
	BatteryKWh          float64
	Phases              int     // AC phases the on-board charger uses
	MaxCurrent          float64 // A per phase the on-board charger accepts
	Weight              int     // relative share in the seeded fleet
}

// vehicleCatalog is ordered; the seed draws from it by weight.
var vehicleCatalog = []vehicleModel{
	{"Tesla", "Model Y", "7SA", "YGDEE", 2021, 2025, 75, 3, 16, 6},
	{"Tesla", "Model 3", "5YJ", "3E1EA", 2019, 2025, 75, 3, 16, 5},
	{"Volkswagen", "ID.4", "WVG", "ZZZE2", 2021, 2025, 77, 3, 16, 4},
	{"Volkswagen", "ID.3", "WVW", "ZZZE1", 2020, 2024, 58, 3, 16, 3},
	{"Skoda", "Enyaq", "TMB", "JC7NY", 2021, 2025, 77, 3, 16, 3},
	{"Volvo", "XC40 Recharge", "YV1", "XZEDV", 2021, 2024, 78, 3, 16, 2},
	{"Volvo", "EX30", "LYV", "DA2AE", 2024, 2025, 64, 3, 16, 2},
	{"Polestar", "2", "LPS", "ED3KA", 2020, 2025, 78, 3, 16, 2},
	{"Nissan", "Leaf", "SJN", "FAAZE", 2018, 2023, 40, 1, 32, 2},
	{"Hyundai", "Ioniq 5", "KMH", "KM81A", 2021, 2025, 77.4, 3, 16, 2},
	{"Hyundai", "Kona Electric", "KMH", "K581G", 2019, 2024, 64, 3, 16, 1},
	{"Kia", "EV6", "KNA", "C381A", 2022, 2025, 77.4, 3, 16, 2},
	{"Kia", "Niro EV", "KNA", "CC81G", 2019, 2024, 64.8, 3, 16, 1},
	{"Audi", "Q4 e-tron", "WAU", "ZZZFZ", 2021, 2025, 77, 3, 16, 2},
	{"BMW", "i4", "WBY", "71AW0", 2022, 2025, 80.7, 3, 16, 1},
	{"BMW", "iX3", "WBY", "2X790", 2021, 2024, 74, 3, 16, 1},
	{"Ford", "Mustang Mach-E", "3FM", "TK1SS", 2021, 2025, 91, 3, 16, 1},
	{"Mercedes-Benz", "EQA", "W1N", "24370", 2021, 2025, 66.5, 3, 16, 1},
	{"Renault", "Zoe", "VF1", "AG000", 2018, 2023, 52, 3, 32, 1},
}

// defaultVehicle charges a vehicle whose make and model the catalog does not
// know (one a user enrolled by hand): a typical 11 kW, 60 kWh car.
var defaultVehicle = vehicleModel{BatteryKWh: 60, Phases: 3, MaxCurrent: 16}

// lookupVehicle finds the catalog entry for a brand and model, ignoring case.
func lookupVehicle(brand, model string) vehicleModel {
	for _, m := range vehicleCatalog {
		if strings.EqualFold(m.Brand, brand) && strings.EqualFold(m.Model, model) {
			return m
		}
	}
	return defaultVehicle
}

// place is a named charging location: the seed's TargetResource.locationId
// and the coordinates reported in charge actions.
type place struct {
	ID       string
	Lat, Lon float64
}

// osloPlaces are the districts of Oslo where the seeded users park and charge.
var osloPlaces = []place{
	{"oslo-frogner", 59.9227, 10.7070},
	{"oslo-majorstuen", 59.9296, 10.7146},
	{"oslo-grunerlokka", 59.9236, 10.7592},
	{"oslo-gamle-oslo", 59.9075, 10.7750},
	{"oslo-sagene", 59.9381, 10.7528},
	{"oslo-nordre-aker", 59.9557, 10.7567},
	{"oslo-ullern", 59.9260, 10.6530},
	{"oslo-st-hanshaugen", 59.9263, 10.7404},
	{"oslo-bjerke", 59.9416, 10.8096},
	{"oslo-nordstrand", 59.8600, 10.7950},
	{"oslo-grorud", 59.9614, 10.8803},
	{"oslo-sentrum", 59.9133, 10.7389},
}

// osloCenter is where a vehicle at an unknown location is reported.
var osloCenter = place{"oslo", 59.9139, 10.7522}

func lookupPlace(id string) place {
	for _, p := range osloPlaces {
		if p.ID == id {
			return p
		}
	}
	return osloCenter
}
