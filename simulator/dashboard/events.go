package dashboard

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// streamBuffer is how many entries a stream may fall behind before it
// misses some: the journal never waits for a browser.
const streamBuffer = 512

// events streams every new journal entry, and a tick each second.
func (d *Dashboard) events(c *gin.Context) {
	entries, stop := d.journal.Watch(streamBuffer)
	defer stop()
	c.Header("Content-Type", "text/event-stream")
	c.Header("Cache-Control", "no-store")
	c.Header("X-Accel-Buffering", "no")
	c.Status(http.StatusOK)
	w := c.Writer
	if _, err := w.WriteString("retry: 1000\nevent: hello\ndata: {}\n\n"); err != nil {
		return
	}
	w.Flush()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	ctx := c.Request.Context()
	for {
		var msg []byte
		select {
		case <-ctx.Done():
			return
		case <-d.closed:
			return
		case e := <-entries:
			b, err := json.Marshal(e)
			if err != nil {
				continue
			}
			msg = append(append([]byte("event: request\ndata: "), b...), "\n\n"...)
		case <-tick.C:
			msg = []byte("event: tick\ndata: {}\n\n")
		}
		if _, err := w.Write(msg); err != nil {
			return
		}
		w.Flush()
	}
}
