package server

import (
	"errors"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/scenarios"
)

// reloads tracks the scenario files' last reload, for the answer, the log
// and health.
type reloads struct {
	mu     sync.Mutex
	at     time.Time
	count  int
	failed *ReloadError
}

// ReloadError is a scenario file that could not be loaded: the previous
// set stays in use.
type ReloadError struct {
	File   string    `json:"file"`
	Line   int       `json:"line,omitempty"`
	Reason string    `json:"reason"`
	At     time.Time `json:"at"`
}

// ReloadScenarios loads the built-in scenarios and the --scenarios folder
// again. A bad file keeps the previous set and is returned (and logged,
// and shown in health until a reload succeeds).
func (s *Server) ReloadScenarios() (int, *ReloadError) {
	s.reload.mu.Lock()
	defer s.reload.mu.Unlock()
	lib, err := scenarios.LoadLibrary(s.cfg.Scenarios)
	if err != nil {
		re := &ReloadError{File: s.cfg.Scenarios, Reason: err.Error(), At: time.Now().UTC()}
		var le *scenarios.LoadError
		if errors.As(err, &le) {
			re.File, re.Line, re.Reason = le.File, le.Line, le.Reason
		}
		s.reload.failed = re
		s.log.Error("scenario files not reloaded; the previous set stays", "file", re.File, "line", re.Line, "reason", re.Reason)
		return len(s.scenarios.Library().List()), re
	}
	s.scenarios.SetLibrary(lib)
	s.reload.at, s.reload.failed = time.Now().UTC(), nil
	s.reload.count++
	n := len(lib.List())
	s.log.Info("scenario files reloaded", "dir", s.cfg.Scenarios, "scenarios", n)
	return n, nil
}

// scenarioHealth is the scenario files' part of health.
func (s *Server) scenarioHealth() (map[string]any, []string) {
	s.reload.mu.Lock()
	defer s.reload.mu.Unlock()
	h := map[string]any{"dir": s.cfg.Scenarios, "loaded": len(s.scenarios.Library().List()), "reloads": s.reload.count}
	if !s.reload.at.IsZero() {
		h["lastReload"] = s.reload.at
	}
	var warnings []string
	if f := s.reload.failed; f != nil {
		h["error"] = f
		warnings = append(warnings, "scenario files: "+f.File+": "+f.Reason+" (the previous set stays in use)")
	}
	return h, warnings
}

// reloadHandler is POST /__admin/scenarios/reload.
func (s *Server) reloadHandler(c *gin.Context) {
	n, re := s.ReloadScenarios()
	if re != nil {
		c.JSON(http.StatusUnprocessableEntity, gin.H{"error": gin.H{
			"code": "invalid", "message": "a scenario file is invalid; the previous " + strconv.Itoa(n) + " scenarios stay in use",
			"file": re.File, "line": re.Line, "reason": re.Reason,
		}})
		return
	}
	c.JSON(http.StatusOK, gin.H{"ok": true, "scenarios": n, "dir": s.cfg.Scenarios})
}

// reloadDebounce gathers an editor's burst of events into one reload.
const reloadDebounce = 150 * time.Millisecond

// watchScenarios reloads the --scenarios folder whenever a file in it
// changes (editors write, rename and chmod in bursts: one reload per burst).
func (s *Server) watchScenarios() error {
	if s.cfg.Scenarios == "" {
		return nil
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	if err := w.Add(s.cfg.Scenarios); err != nil {
		w.Close()
		return err
	}
	stop := s.stop
	go func() {
		defer w.Close()
		var burst *time.Timer
		for {
			select {
			case <-stop:
				if burst != nil {
					burst.Stop()
				}
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				ext := strings.ToLower(filepath.Ext(ev.Name))
				if ext != ".yaml" && ext != ".yml" {
					continue
				}
				if burst != nil {
					burst.Stop()
				}
				burst = time.AfterFunc(reloadDebounce, func() { s.ReloadScenarios() })
			case err, ok := <-w.Errors:
				if !ok {
					return
				}
				s.log.Warn("watching scenario files", "dir", s.cfg.Scenarios, "error", err)
			}
		}
	}()
	return nil
}
