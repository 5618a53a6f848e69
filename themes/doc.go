// Package themes owns ecdash's look: the Theme type (one named lipgloss style
// per role on screen), the built-in themes (dark, light, high-contrast,
// colorblind), loading a custom theme from a YAML file, NO_COLOR handling,
// and Painter, which applies a style to a whole line for the price of two
// string concatenations (lipgloss Render per cell is the main rendering cost
// measured in shared/notes/rendering.md).
package themes
