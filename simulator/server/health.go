package server

// HealthExtras adds the state store, the journal and any warnings to
// /__admin/health.
func (s *Server) HealthExtras() map[string]any {
	st := s.StateHealth()
	warnings := []string{}
	for _, d := range st.Skipped {
		warnings = append(warnings, "state file: skipped a damaged record at start-up: "+d.String())
	}
	sc, more := s.scenarioHealth()
	warnings = append(warnings, more...)
	return map[string]any{
		"scenarios": sc,
		"state":     st,
		"journal":   map[string]any{"size": s.journal.Len(), "capacity": s.cfg.JournalSize, "dropped": s.journal.Dropped()},
		"warnings":  warnings,
	}
}
