package llamadapro

import (
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

func (a *API) getTasks(c *gin.Context) {
	q := c.Request.URL.Query()
	f := TaskFilter{
		Status: q.Get("status"), AssignedToType: q.Get("assignedToType"),
		AssignedToID: q.Get("assignedToId"), PageToken: q.Get("pageToken"),
	}
	// The spec has already checked every type; parsing cannot fail here.
	if v := q.Get("limit"); v != "" {
		n, _ := strconv.ParseFloat(v, 64)
		f.Limit = int(min(n, 1000))
	}
	if v := q.Get("conversationId"); v != "" {
		n, _ := strconv.ParseFloat(v, 64)
		id := int64(n)
		f.ConversationID = &id
	}
	f.DueBefore = queryTime(q.Get("dueBefore"))
	f.DueAfter = queryTime(q.Get("dueAfter"))
	page, err := a.state(c).ListTasks(f)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, http.StatusOK, page)
}

func (a *API) createTask(c *gin.Context) {
	var in NewTask
	if err := json.Unmarshal(gateway.Body(c), &in); err != nil {
		gateway.Fail(c, errs.InvalidField("body", err.Error()))
		return
	}
	gateway.JSON(c, http.StatusOK, a.state(c).CreateTask(in))
}

func (a *API) getTask(c *gin.Context) {
	t, err := a.state(c).GetTask(c.Param("taskId"))
	respond(c, t, err)
}

func (a *API) updateTask(c *gin.Context) {
	var patch map[string]json.RawMessage
	if err := json.Unmarshal(gateway.Body(c), &patch); err != nil {
		gateway.Fail(c, errs.InvalidField("body", err.Error()))
		return
	}
	t, err := a.state(c).UpdateTask(c.Param("taskId"), patch)
	respond(c, t, err)
}

func (a *API) deleteTask(c *gin.Context) {
	t, err := a.state(c).DeleteTask(c.Param("taskId"))
	respond(c, t, err)
}

// respond writes v as 200 JSON, or err in the vendor's shape.
func respond(c *gin.Context, v any, err error) {
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	gateway.JSON(c, http.StatusOK, v)
}

func queryTime(v string) *time.Time {
	if v == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return nil
	}
	t = t.UTC()
	return &t
}

// taskIDsByStatus lists the tenant's task ids per status, for the control plane.
func (s *State) taskIDsByStatus() map[string][]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string][]string{}
	s.eachTask(func(t *task) {
		status := s.tix.names.name(t.status)
		out[status] = append(out[status], t.id)
	})
	for _, ids := range out {
		sortStrings(ids)
	}
	return out
}
