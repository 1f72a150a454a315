package maiagent

import (
	"bytes"

	"github.com/xuri/excelize/v2"
)

// exportColumns are the export's header row and, per record, its cells.
var exportColumns = []struct {
	Header string
	Value  func(r Record) any
}{
	{"ID", func(r Record) any { return r.ID }},
	{"Created At", func(r Record) any { return r.CreatedAt.Format("2006-01-02 15:04:05") }},
	{"Input Message", func(r Record) any { return r.InputMessage }},
	{"Output Message", func(r Record) any { return r.OutputMessage }},
	{"Context", func(r Record) any { return r.Context }},
	{"Faithfulness", func(r Record) any { return r.DisplayFaithfulnessScore }},
	{"Answer Relevancy", func(r Record) any { return r.DisplayAnswerRelevancyScore }},
	{"Context Precision", func(r Record) any { return r.DisplayContextPrecisionScore }},
	{"Answer Correctness", func(r Record) any { return r.DisplayAnswerCorrectnessScore }},
	{"Answer Similarity", func(r Record) any { return r.DisplayAnswerSimilarityScore }},
	{"Context Recall", func(r Record) any { return r.DisplayContextRecallScore }},
	{"Reply Time (s)", func(r Record) any { return r.ReplyTime }},
}

// ExportSheet is the worksheet name of the records export.
const ExportSheet = "Records"

// exportXLSX builds the records workbook: a header row and one row per record.
func exportXLSX(records []Record) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", ExportSheet); err != nil {
		return nil, err
	}
	row := make([]any, len(exportColumns))
	for i, c := range exportColumns {
		row[i] = c.Header
	}
	if err := f.SetSheetRow(ExportSheet, "A1", &row); err != nil {
		return nil, err
	}
	for n, r := range records {
		vals := make([]any, len(exportColumns))
		for i, c := range exportColumns {
			vals[i] = c.Value(r)
		}
		cell, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return nil, err
		}
		if err := f.SetSheetRow(ExportSheet, cell, &vals); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
