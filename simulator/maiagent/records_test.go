package maiagent_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/switchboard-sim/switchboard/simulator/maiagent"
	"github.com/switchboard-sim/switchboard/simulator/switchboardtest"
)

type record struct {
	ID            string  `json:"id"`
	InputMessage  string  `json:"inputMessage"`
	OutputMessage string  `json:"outputMessage"`
	Faithfulness  float64 `json:"faithfulnessScore"`
	DisplayFaith  string  `json:"displayFaithfulnessScore"`
	ReplyTime     float64 `json:"replyTime"`
	CreatedAt     string  `json:"createdAt"`
	Error         *string `json:"error"`
}

type recordPage struct {
	Count    int      `json:"count"`
	Next     *string  `json:"next"`
	Previous *string  `json:"previous"`
	Results  []record `json:"results"`
}

func TestRecordsPaging(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	key := apiKey("records")
	for i := 0; i < 5; i++ {
		ask(t, sb, "records", bot1, fmt.Sprintf("record question %d", i), "")
	}
	ask(t, sb, "records", bot2, "elsewhere", "")
	var p1, p2, p3 recordPage
	sb.Do(t, "GET", base(sb)+"/chatbots/"+bot1+"/records/?pageSize=2", nil, key).JSON(t, &p1)
	if p1.Count != 5 || len(p1.Results) != 2 || p1.Previous != nil || p1.Next == nil || !strings.Contains(*p1.Next, "page=2") {
		t.Fatalf("page 1: %+v", p1)
	}
	if p1.Results[0].InputMessage != "record question 4" {
		t.Fatalf("records not newest first: %q", p1.Results[0].InputMessage)
	}
	sb.Do(t, "GET", *p1.Next, nil, key).JSON(t, &p2)
	sb.Do(t, "GET", *p2.Next, nil, key).JSON(t, &p3)
	if len(p3.Results) != 1 || p3.Next != nil || p3.Results[0].InputMessage != "record question 0" {
		t.Fatalf("page 3: %+v", p3)
	}
	if p2.Previous == nil || strings.Contains(*p2.Previous, "page=") {
		t.Fatalf("page 2's previous %v should drop page=1 as DRF does", p2.Previous)
	}
	r := p1.Results[0]
	if r.OutputMessage == "" || r.Error != nil || r.DisplayFaith != fmt.Sprintf("%.2f", r.Faithfulness) || r.ReplyTime <= 0 {
		t.Fatalf("record fields: %+v", r)
	}
}

// TestExportExcel reads the workbook back: a header row and one row per
// record with the record's values.
func TestExportExcel(t *testing.T) {
	t.Parallel()
	sb := switchboardtest.Start(t)
	key := apiKey("export")
	for _, q := range []string{hoursQ, "How do I reset my password?", "Something else entirely"} {
		ask(t, sb, "export", bot1, q, "")
	}
	var list recordPage
	sb.Do(t, "GET", base(sb)+"/chatbots/"+bot1+"/records/?pageSize=100", nil, key).JSON(t, &list)
	r := sb.Do(t, "GET", base(sb)+"/chatbots/"+bot1+"/records/export-excel/", nil, key)
	if r.Status != 200 {
		t.Fatalf("export: %d %s", r.Status, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
		t.Fatalf("Content-Type %q", ct)
	}
	if cd := r.Header.Get("Content-Disposition"); !strings.Contains(cd, "filename=") || !strings.Contains(cd, ".xlsx") {
		t.Fatalf("Content-Disposition %q has no .xlsx filename", cd)
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.Body))
	if err != nil {
		t.Fatalf("not a workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(maiagent.ExportSheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+len(list.Results) || len(list.Results) != 3 {
		t.Fatalf("%d rows for %d records, want a header plus one per record", len(rows), len(list.Results))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for i, rec := range list.Results {
		row := rows[i+1]
		for name, want := range map[string]string{"ID": rec.ID, "Input Message": rec.InputMessage, "Output Message": rec.OutputMessage, "Faithfulness": rec.DisplayFaith} {
			if got := row[col[name]]; got != want {
				t.Fatalf("row %d %s = %q, want %q", i+1, name, got, want)
			}
		}
	}
	if rows[3][col["Output Message"]] != hoursA {
		t.Fatalf("oldest row's answer %q, want the knowledge-base answer", rows[3][col["Output Message"]])
	}
}
