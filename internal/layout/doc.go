// Package layout holds no code: its test checks that the packages keep the
// arrows the README's Architecture section draws (nothing imports upward,
// views never import the shell, the domain never imports a screen).
package layout
