package sandbox

import (
	"math/rand/v2"
	"testing"
)

func TestVINCheckDigit(t *testing.T) {
	for _, tc := range []struct {
		vin  string
		want byte
	}{
		{"1M8GDM9AXKP042788", 'X'}, // the 49 CFR 565 worked example
		{"11111111111111111", '1'},
		{"5YJ3E1EA7KF317000", '2'}, // position 9 itself does not count
		{"1HGCM82633A004352", '3'},
	} {
		if got := vinCheckDigit(tc.vin); got != tc.want {
			t.Errorf("vinCheckDigit(%s) = %c, want %c", tc.vin, got, tc.want)
		}
	}
}

func TestValidVINFormat(t *testing.T) {
	for _, tc := range []struct {
		vin  string
		want bool
	}{
		{"WVGZZZE2ZNP012345", true},
		{"1M8GDM9AXKP042788", true},
		{"WVGZZZE2ZNP01234", false},   // 16
		{"WVGZZZE2ZNP0123456", false}, // 18
		{"WVGZZZE2ZNP01234I", false},  // I
		{"WVGZZZE2ZNP01234O", false},  // O
		{"WVGZZZE2ZNP01234Q", false},  // Q
		{"wvgzzze2znp012345", false},  // lower case
		{"WVGZZZE2ZNP01234-", false},
		{"", false},
	} {
		if got := validVINFormat(tc.vin); got != tc.want {
			t.Errorf("validVINFormat(%q) = %v, want %v", tc.vin, got, tc.want)
		}
	}
}

func TestModelYearCode(t *testing.T) {
	for year, want := range map[int]byte{2010: 'A', 2017: 'H', 2018: 'J', 2023: 'P', 2024: 'R', 2025: 'S', 2026: 'T', 2030: 'Y', 2031: '1', 2040: 'A'} {
		if got := modelYearCode(year); got != want {
			t.Errorf("modelYearCode(%d) = %c, want %c", year, got, want)
		}
	}
}

func TestMakeVINIsValidWithCheckDigit(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, m := range vehicleCatalog {
		for year := m.FirstYear; year <= m.LastYear; year++ {
			vin := makeVIN(rng, m.WMI, m.VDS, year)
			if !validVINFormat(vin) {
				t.Fatalf("%s %s %d: invalid VIN %q", m.Brand, m.Model, year, vin)
			}
			if vin[:3] != m.WMI || vin[9] != modelYearCode(year) || vin[8] != vinCheckDigit(vin) {
				t.Fatalf("%s %s %d: VIN %q has wrong WMI, year code or check digit", m.Brand, m.Model, year, vin)
			}
		}
	}
}
