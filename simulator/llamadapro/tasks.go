package llamadapro

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/switchboard-sim/switchboard/simulator/errs"
)

// Task statuses.
const (
	StatusScheduled = "scheduled"
	StatusOverdue   = "overdue"
	StatusCompleted = "completed"
	StatusCancelled = "cancelled"
)

// Party is a task's creator or assignee.
type Party struct {
	ID   string `json:"id" yaml:"id"`
	Type string `json:"type" yaml:"type"`
}

// TaskContext ties a task to a conversation.
type TaskContext struct {
	ConversationID int64 `json:"conversationId"`
}

// Task is a LlamadaPro task, in its wire shape.
type Task struct {
	ID                 string      `json:"id"`
	TenantID           string      `json:"tenantId"`
	CreatedAt          time.Time   `json:"createdAt"`
	UpdatedAt          time.Time   `json:"updatedAt"`
	Context            TaskContext `json:"context"`
	Objective          string      `json:"objective"`
	CreatedBy          Party       `json:"createdBy"`
	AssignedTo         Party       `json:"assignedTo"`
	PublishedAt        *time.Time  `json:"publishedAt"`
	DueDate            *time.Time  `json:"dueDate"`
	CompletedAt        *time.Time  `json:"completedAt"`
	CancelledAt        *time.Time  `json:"cancelledAt"`
	CancellationReason *string     `json:"cancellationReason"`
	Status             string      `json:"status"`

	seq int64
}

// NewTask is CreateTask's body.
type NewTask struct {
	Context    TaskContext `json:"context"`
	Objective  string      `json:"objective"`
	CreatedBy  Party       `json:"createdBy"`
	AssignedTo Party       `json:"assignedTo"`
	DueDate    *time.Time  `json:"dueDate"`
	Status     string      `json:"status"`
}

// TaskFilter selects tasks for GetTasks.
type TaskFilter struct {
	Status         string
	DueBefore      *time.Time
	DueAfter       *time.Time
	ConversationID *int64
	AssignedToType string
	AssignedToID   string
	Limit          int
	PageToken      string
}

// TaskPage is GetTasks' answer.
type TaskPage struct {
	NextPageToken *string `json:"nextPageToken,omitempty"`
	TotalCount    int     `json:"totalCount"`
	Items         []Task  `json:"items"`
}

// CreateTask stores a new task.
func (s *State) CreateTask(in NewTask) Task {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	if in.Status == "" {
		in.Status = StatusScheduled
	}
	s.nextID++
	t := Task{
		ID: string(strconv.AppendInt(append(make([]byte, 0, 24), "task_"...), int64(s.nextID), 10)), TenantID: s.tenantID,
		CreatedAt: now, UpdatedAt: now, Context: in.Context, Objective: in.Objective,
		CreatedBy: in.CreatedBy, AssignedTo: in.AssignedTo, PublishedAt: &now,
		DueDate: utcPtr(in.DueDate), Status: in.Status,
	}
	s.finishStatus(&t, now, nil, nil)
	t.seq = s.insertTask(&t).seq
	return t // what wire would build from the stored task
}

// GetTask returns one task.
func (s *State) GetTask(id string) (Task, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.taskByID(id)
	if !ok {
		return Task{}, errs.NotFoundf("task %s not found", id)
	}
	return s.wireOne(t), nil
}

// UpdateTask applies a partial update: only the keys present in patch change.
func (s *State) UpdateTask(id string, patch map[string]json.RawMessage) (Task, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cur, ok := s.taskByID(id)
	if !ok {
		return Task{}, errs.NotFoundf("task %s not found", id)
	}
	next := s.wireOne(cur) // apply to a copy: nothing is half-applied on error
	var bad errs.Collector
	var completedAt, cancelledAt *time.Time
	for key, raw := range patch {
		var err error
		switch key {
		case "status":
			err = json.Unmarshal(raw, &next.Status)
		case "context":
			err = json.Unmarshal(raw, &next.Context)
		case "objective":
			err = json.Unmarshal(raw, &next.Objective)
		case "assignedTo":
			err = json.Unmarshal(raw, &next.AssignedTo)
		case "publishedAt":
			next.PublishedAt, err = decodeTime(raw)
		case "dueDate":
			next.DueDate, err = decodeTime(raw)
		case "completedAt":
			completedAt, err = decodeTime(raw)
			next.CompletedAt = completedAt
		case "cancelledAt":
			cancelledAt, err = decodeTime(raw)
			next.CancelledAt = cancelledAt
		case "cancellationReason":
			// into a new string: decoding into next's pointer would write
			// through it into the stored task and every copy handed out
			var reason *string
			err = json.Unmarshal(raw, &reason)
			next.CancellationReason = reason
		}
		if err != nil {
			bad.Add(key, err.Error())
		}
	}
	if err := bad.Err(); err != nil {
		return Task{}, err
	}
	now := s.now()
	next.UpdatedAt = now
	rearm := next.Status != s.tix.names.name(cur.status) || patch["dueDate"] != nil
	if rearm {
		s.unscheduleDue(cur)
		s.finishStatus(&next, now, completedAt, cancelledAt)
	}
	s.tix.remove(cur)
	*cur = s.taskRecord(&next, cur.seq)
	s.tix.add(cur)
	if rearm {
		s.scheduleDue(cur)
	}
	return next, nil
}

// DeleteTask removes a task and returns it.
func (s *State) DeleteTask(id string) (Task, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.taskByID(id)
	if !ok {
		return Task{}, errs.NotFoundf("task %s not found", id)
	}
	s.unscheduleDue(t)
	s.dropTaskID(t)
	s.tix.remove(t)
	return s.wireOne(t), nil
}

// finishStatus fills the timestamps a status implies and makes a scheduled
// task already past its due date overdue; scheduleDue arms the others once
// the task has its sequence. Callers hold mu.
func (s *State) finishStatus(t *Task, now time.Time, completedAt, cancelledAt *time.Time) {
	switch t.Status {
	case StatusCompleted:
		if completedAt == nil && t.CompletedAt == nil {
			at := now // a copy per branch: taking now's address would move it to the heap on every call
			t.CompletedAt = &at
		}
	case StatusCancelled:
		if cancelledAt == nil && t.CancelledAt == nil {
			at := now
			t.CancelledAt = &at
		}
	case StatusScheduled:
		if t.DueDate == nil {
			return
		}
		if !t.DueDate.After(now) {
			t.Status = StatusOverdue
		}
	}
}

// insertTask stores, indexes and schedules t; its status must be final.
// Callers hold mu.
func (s *State) insertTask(t *Task) *task {
	s.taskSeq++
	r := new(task)
	*r = s.taskRecord(t, s.taskSeq)
	s.putTaskID(r)
	s.tix.add(r)
	s.scheduleDue(r)
	return r
}

// ListTasks returns one page of matching tasks, newest first. The page token
// names the last task returned by its creation sequence, so tasks created
// between pages (which sort before it) never shift later pages. The page is
// read from the task index (tasks_index.go), not from a scan of all tasks.
func (s *State) ListTasks(f TaskFilter) (TaskPage, error) {
	after := int64(-1)
	if f.PageToken != "" {
		seq, err := decodePageToken(f.PageToken)
		if err != nil {
			return TaskPage{}, &errs.Error{Code: errs.Invalid, Message: "pageToken is not a token issued by this server",
				Fields: []errs.Field{{Name: "pageToken", In: "query", Reason: "not a token issued by this server", Rule: "format"}}}
		}
		after = seq
	}
	limit := f.Limit
	switch {
	case limit <= 0:
		limit = 20
	case limit > 100:
		limit = 100
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	hits, total := s.tix.query(f, after, limit)
	n := min(len(hits), limit)
	page := TaskPage{TotalCount: total, Items: make([]Task, 0, n)}
	times := 0
	for _, t := range hits[:n] {
		times += t.nullable()
	}
	ts := make([]time.Time, times)
	for i, t := range hits {
		if i == limit {
			tok := encodePageToken(page.Items[len(page.Items)-1].seq)
			page.NextPageToken = &tok
			break
		}
		k := t.nullable()
		page.Items = append(page.Items, s.wire(t, ts[:k:k]))
		ts = ts[k:]
	}
	return page, nil
}

func encodePageToken(seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte("v1:" + strconv.FormatInt(seq, 10)))
}

func decodePageToken(tok string) (int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil {
		return 0, err
	}
	n, ok := strings.CutPrefix(string(b), "v1:")
	if !ok {
		return 0, fmt.Errorf("bad token")
	}
	return strconv.ParseInt(n, 10, 64)
}

func decodeTime(raw json.RawMessage) (*time.Time, error) {
	var t *time.Time
	if err := json.Unmarshal(raw, &t); err != nil {
		return nil, err
	}
	return utcPtr(t), nil
}

// utcPtr is *t in UTC: t itself when it already is (a decoded body's
// time, which nothing else holds), else a copy.
func utcPtr(t *time.Time) *time.Time {
	if t == nil || t.Location() == time.UTC {
		return t
	}
	u := t.UTC()
	return &u
}
