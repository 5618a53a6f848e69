package sandbox

import (
	"fmt"
	"math/rand/v2"
)

// vinAlphabet is every character a VIN may hold: A-Z and 0-9 without I, O
// and Q, which ISO 3779 excludes because they read like 1 and 0.
const vinAlphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"

// validVINFormat reports whether vin is 17 characters of vinAlphabet. The
// check digit is deliberately not enforced: it is mandatory only for North
// American vehicles, and European VINs commonly carry other values there.
func validVINFormat(vin string) bool {
	if len(vin) != 17 {
		return false
	}
	for i := 0; i < len(vin); i++ {
		if !isVINChar(vin[i]) {
			return false
		}
	}
	return true
}

func isVINChar(c byte) bool {
	switch {
	case c >= '0' && c <= '9':
		return true
	case c >= 'A' && c <= 'Z':
		return c != 'I' && c != 'O' && c != 'Q'
	}
	return false
}

// vinValue is the ISO 3779 / 49 CFR 565 transliteration of a VIN character.
func vinValue(c byte) int {
	if c >= '0' && c <= '9' {
		return int(c - '0')
	}
	const letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
	const values = "12345678123457923456789"
	for i := 0; i < len(letters); i++ {
		if letters[i] == c {
			return int(values[i] - '0')
		}
	}
	return 0
}

var vinWeights = [17]int{8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2}

// vinCheckDigit computes position 9 of a 17-character VIN ('0'-'9' or 'X').
func vinCheckDigit(vin string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += vinValue(vin[i]) * vinWeights[i]
	}
	if r := sum % 11; r != 10 {
		return byte('0' + r)
	}
	return 'X'
}

// modelYearCode is position 10 of a VIN: the 30-year cycle that skips I, O,
// Q, U, Z and 0; 2010 is A, 2031 wraps to 1.
func modelYearCode(year int) byte {
	const cycle = "ABCDEFGHJKLMNPRSTVWXY123456789"
	return cycle[((year-2010)%30+30)%30]
}

// makeVIN builds a realistic VIN: the make's world manufacturer identifier,
// a vehicle descriptor section, the correct check digit, the model-year code,
// a plant code and a six-digit serial number.
func makeVIN(rng *rand.Rand, wmi, vds string, year int) string {
	plant := vinAlphabet[rng.IntN(23)] // a letter, as most plants use
	serial := rng.IntN(900000) + 100000
	b := []byte(fmt.Sprintf("%s%s0%c%c%06d", wmi, vds, modelYearCode(year), plant, serial))
	b[8] = vinCheckDigit(string(b))
	return string(b)
}
