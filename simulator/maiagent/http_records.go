package maiagent

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/switchboard-sim/switchboard/simulator/errs"
	"github.com/switchboard-sim/switchboard/simulator/gateway"
)

// xlsxType is the spreadsheet Content-Type of the export.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

func (a *API) listRecords(c *gin.Context) {
	page := 1
	if v := c.Query("page"); v != "" {
		page, _ = strconv.Atoi(v) // the spec has checked it is an integer
	}
	p, err := a.state(c).ListRecords(c.Param("chatbotId"), page, pageSize(c))
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	body := gin.H{"count": p.Count, "next": nil, "previous": nil, "results": p.Results}
	if p.NextPage > 0 {
		body["next"] = withQuery(c, "page", strconv.Itoa(p.NextPage))
	}
	switch {
	case p.PrevPage == 1: // DRF drops page=1 from the previous link
		body["previous"] = withQuery(c, "page", "")
	case p.PrevPage > 1:
		body["previous"] = withQuery(c, "page", strconv.Itoa(p.PrevPage))
	}
	c.PureJSON(http.StatusOK, body) // URLs unescaped, as DRF writes them
}

func (a *API) exportRecords(c *gin.Context) {
	id := c.Param("chatbotId")
	rs, err := a.state(c).Records(id)
	if err != nil {
		gateway.Fail(c, err)
		return
	}
	b, err := exportXLSX(rs)
	if err != nil {
		gateway.Fail(c, errs.New(errs.Internal, "could not build the workbook: %v", err))
		return
	}
	c.Header("Content-Disposition", `attachment; filename="chatbot_records_`+id+`.xlsx"`)
	c.Data(http.StatusOK, xlsxType, b)
}
