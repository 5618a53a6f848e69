// Package chart draws a dispatch (a fleet.Analysis): the event's target as
// a step line over its interval with the randomize-start window, the
// fleet's (or one vehicle's) reported response, a now marker and a legend,
// with ntcharts' braille canvas. Ranges are fixed before points are pushed
// and long series are decimated per column, so drawing costs what the
// screen shows, not what the fleet reported; the rendered string is cached
// until data, size, zoom or theme change.
package chart
