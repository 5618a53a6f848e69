package themes

import "github.com/charmbracelet/lipgloss"

// ad is shorthand for a colour that adapts to the terminal's background.
func ad(light, dark string) lipgloss.AdaptiveColor {
	return lipgloss.AdaptiveColor{Light: light, Dark: dark}
}

// darkPalette is tuned for dark terminals, but every colour is adaptive so
// the default theme stays legible when the terminal turns out to be light.
func darkPalette() palette {
	return palette{
		text: ad("#1f2328", "#d0d7de"), muted: ad("#656d76", "#8b949e"),
		accent: ad("#0969da", "#58a6ff"), border: ad("#afb8c1", "#444c56"),
		selFg: ad("#ffffff", "#0d1117"), selBg: ad("#0969da", "#58a6ff"),
		ok: ad("#1a7f37", "#3fb950"), warn: ad("#9a6700", "#d29922"),
		err: ad("#cf222e", "#f85149"), danger: ad("#a40e26", "#ff7b72"),
		changed: ad("#9a6700", "#e3b341"), added: ad("#1a7f37", "#56d364"),
		deleted: ad("#cf222e", "#f85149"),
		barFg:   ad("#1f2328", "#c9d1d9"), barBg: ad("#eaeef2", "#21262d"),
		jsonKey: ad("#0550ae", "#79c0ff"), jsonString: ad("#0a3069", "#a5d6ff"),
		jsonNumber: ad("#953800", "#ffa657"), jsonBool: ad("#8250df", "#d2a8ff"),
		jsonNull:    ad("#656d76", "#8b949e"),
		chartTarget: ad("#bc4c00", "#ffa657"), chartFleet: ad("#0969da", "#58a6ff"),
		chartVehicle: ad("#1a7f37", "#3fb950"), chartNow: ad("#cf222e", "#ff7b72"),
		chartWindow: ad("#afb8c1", "#545d68"),
	}
}

// lightPalette is tuned for light backgrounds (dark ink, deeper hues).
func lightPalette() palette {
	c := func(s string) lipgloss.Color { return lipgloss.Color(s) }
	return palette{
		text: c("#1f2328"), muted: c("#57606a"), accent: c("#0550ae"), border: c("#8c959f"),
		selFg: c("#ffffff"), selBg: c("#0550ae"),
		ok: c("#116329"), warn: c("#7d4e00"), err: c("#a40e26"), danger: c("#82071e"),
		changed: c("#7d4e00"), added: c("#116329"), deleted: c("#a40e26"),
		barFg: c("#1f2328"), barBg: c("#d8dee4"),
		jsonKey: c("#0550ae"), jsonString: c("#0a3069"), jsonNumber: c("#953800"),
		jsonBool: c("#6639ba"), jsonNull: c("#57606a"),
		chartTarget: c("#bc4c00"), chartFleet: c("#0550ae"), chartVehicle: c("#116329"),
		chartNow: c("#a40e26"), chartWindow: c("#8c959f"),
	}
}

// highContrastPalette: black ink on a light terminal, white on a dark one,
// and colours chosen for WCAG AA (4.5:1 or more, tested) against the
// background they are drawn on. The status bar is drawn in inverse (black
// on a light terminal), so its states take the other mode's colours. The
// colours are hex, not ANSI: what is tested is then what is drawn (an ANSI
// colour is whatever the terminal's palette makes it).
func highContrastPalette() palette {
	const white, black = "#ffffff", "#000000"
	ink := ad(black, white)
	ok, warn, err := ad("#006b00", "#3cff3c"), ad("#8a5300", "#ffd700"), ad("#c00000", "#ff6060")
	danger, accent := ad("#8b008b", "#ff80ff"), ad("#0040c0", "#40c0ff")
	inverse := func(c lipgloss.AdaptiveColor) lipgloss.AdaptiveColor { return ad(c.Dark, c.Light) }
	return palette{
		text: ink, muted: ink, accent: accent, border: ink,
		// selFg/selBg nil: reverse video is the strongest contrast a terminal has.
		ok: ok, warn: warn, err: err, danger: danger,
		changed: warn, added: ok, deleted: err,
		barFg: ad(white, black), barBg: ink,
		barOK: inverse(ok), barWarn: inverse(warn), barErr: inverse(err), barKey: inverse(accent),
		jsonKey: accent, jsonString: ink, jsonNumber: danger, jsonBool: warn, jsonNull: ink,
		chartTarget: warn, chartFleet: accent, chartVehicle: ok, chartNow: err, chartWindow: ink,
	}
}

// Okabe–Ito colour-blind-safe palette (Okabe & Ito, 2008).
const (
	oiOrange    = "#E69F00"
	oiSkyBlue   = "#56B4E9"
	oiGreen     = "#009E73" // bluish green
	oiYellow    = "#F0E442"
	oiBlue      = "#0072B2"
	oiVermilion = "#D55E00"
	oiPurple    = "#CC79A7" // reddish purple
)

// colorblindPalette never relies on red versus green: OK is blue, errors are
// vermilion, warnings orange; the lighter hues swap for darker ones on a
// light background where they would wash out.
func colorblindPalette() palette {
	return palette{
		text: ad("#000000", "#ffffff"), muted: ad("#555555", "#aaaaaa"),
		accent: ad(oiBlue, oiSkyBlue), border: ad("#777777", "#888888"),
		selFg: ad("#ffffff", "#000000"), selBg: ad(oiBlue, oiSkyBlue),
		ok: ad(oiBlue, oiSkyBlue), warn: ad(oiOrange, oiOrange),
		err: ad(oiVermilion, oiVermilion), danger: ad(oiPurple, oiPurple),
		changed: ad(oiOrange, oiYellow), added: ad(oiBlue, oiSkyBlue),
		deleted: ad(oiVermilion, oiVermilion),
		barFg:   ad("#000000", "#ffffff"), barBg: ad("#dddddd", "#333333"),
		jsonKey: ad(oiBlue, oiSkyBlue), jsonString: ad(oiGreen, oiGreen),
		jsonNumber: ad(oiVermilion, oiOrange), jsonBool: ad(oiPurple, oiPurple),
		jsonNull:    ad("#555555", "#aaaaaa"),
		chartTarget: ad(oiOrange, oiOrange), chartFleet: ad(oiBlue, oiSkyBlue),
		chartVehicle: ad(oiGreen, oiGreen), chartNow: ad(oiVermilion, oiVermilion),
		chartWindow: ad("#777777", "#888888"),
	}
}
