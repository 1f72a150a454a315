package llamadapro

import (
	"sort"
	"strings"
	"time"
)

// seedTasks fills a new tenant with the fixed and the generated tasks.
func (s *State) seedTasks(fx taskFixtures) {
	now := s.now()
	s.nextID = fx.Generated.FirstID + fx.Generated.Count
	var all []*Task
	for _, f := range fx.Fixed {
		created := now.Add(f.Created.D())
		t := s.fixtureTask(f.ID, created, f.Objective, f.ConversationID, f.CreatedBy, f.AssignedTo, f.Status)
		if f.Due != nil {
			due := now.Add(f.Due.D())
			t.DueDate = &due
		}
		all = append(all, t)
	}
	g := fx.Generated
	for i := 0; i < g.Count; i++ {
		created := now.Add(-time.Duration(s.fake.IntRange(1, 30*24)) * time.Hour)
		status := g.Statuses[i%len(g.Statuses)]
		t := s.fixtureTask(
			"task_"+itoa(g.FirstID+i), created, s.objective(g.Objectives),
			g.ConversationIDs[s.fake.IntN(len(g.ConversationIDs))],
			g.Creators[s.fake.IntN(len(g.Creators))], g.Assignees[s.fake.IntN(len(g.Assignees))], status)
		var due time.Time
		switch status {
		case StatusScheduled:
			due = now.Add(time.Duration(s.fake.IntRange(1, 14*24)) * time.Hour)
		case StatusOverdue:
			due = now.Add(-time.Duration(s.fake.IntRange(1, 7*24)) * time.Hour)
		case StatusCompleted:
			due = created.Add(time.Duration(s.fake.IntRange(24, 10*24)) * time.Hour)
			done := created.Add(time.Duration(s.fake.IntRange(1, 24)) * time.Hour)
			t.CompletedAt, t.UpdatedAt = &done, done
		case StatusCancelled:
			due = created.Add(time.Duration(s.fake.IntRange(24, 10*24)) * time.Hour)
			at := created.Add(time.Duration(s.fake.IntRange(1, 24)) * time.Hour)
			reason := g.CancellationReasons[s.fake.IntN(len(g.CancellationReasons))]
			t.CancelledAt, t.UpdatedAt, t.CancellationReason = &at, at, &reason
		}
		t.DueDate = &due
		all = append(all, t)
	}
	// Sequence numbers follow creation time, so "newest first" is true to the data.
	sort.SliceStable(all, func(i, j int) bool { return all[i].CreatedAt.Before(all[j].CreatedAt) })
	for _, t := range all {
		if t.Status == StatusScheduled { // before insertTask, which indexes the final status
			s.finishStatus(t, now, nil, nil)
		}
		s.insertTask(t)
	}
	s.seeded, s.seedSeq, s.createdBase = true, s.taskSeq, s.taskSeq-int64(s.nextID)
}

func (s *State) fixtureTask(id string, created time.Time, objective string, conv int64, by, to Party, status string) *Task {
	created = created.Truncate(time.Second)
	pub := created
	return &Task{
		ID: id, TenantID: s.tenantID, CreatedAt: created, UpdatedAt: created,
		Context: TaskContext{ConversationID: conv}, Objective: objective,
		CreatedBy: by, AssignedTo: to, PublishedAt: &pub, Status: status,
	}
}

func (s *State) objective(templates []string) string {
	tpl := templates[s.fake.IntN(len(templates))]
	r := strings.NewReplacer(
		"{name}", s.fake.FirstName()+" "+s.fake.LastName(),
		"{product}", s.fake.ProductName(),
		"{company}", s.fake.Company(),
		"{weekday}", s.fake.WeekDay(),
	)
	return r.Replace(tpl)
}
