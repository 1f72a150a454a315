package features

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"strconv"

	"github.com/cucumber/godog"
	"github.com/xuri/excelize/v2"
)

func (w *world) fileSteps(sc *godog.ScenarioContext) {
	sc.Step(`^I upload the file "([^"]*)" as the form field "([^"]*)" to "([^"]*)" with content:$`, w.upload)
	sc.Step(`^the response is an Excel workbook whose sheet "([^"]*)" has (\d+) rows?$`, func(sheet string, n int) error {
		rows, err := w.sheet(sheet)
		if err != nil {
			return err
		}
		if len(rows) != n {
			return fmt.Errorf("sheet %q has %d rows, want %d", sheet, len(rows), n)
		}
		return nil
	})
	sc.Step(`^cell ([A-Z]+)(\d+) of sheet "([^"]*)" is "([^"]*)"$`, func(col, row, sheet, want string) error {
		rows, err := w.sheet(sheet)
		if err != nil {
			return err
		}
		x, err := w.expand(want)
		if err != nil {
			return err
		}
		r, _ := strconv.Atoi(row)
		c, err := excelize.ColumnNameToNumber(col)
		if err != nil {
			return err
		}
		got := ""
		if r >= 1 && r <= len(rows) && c <= len(rows[r-1]) {
			got = rows[r-1][c-1]
		}
		if got != x {
			return fmt.Errorf("cell %s%s of sheet %q is %q, want %q", col, row, sheet, got, x)
		}
		return nil
	})
}

// upload POSTs a multipart/form-data body with one file part.
func (w *world) upload(name, field, path string, doc *godog.DocString) error {
	content, err := w.expand(doc.Content)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	part, err := mw.CreateFormFile(field, name)
	if err != nil {
		return err
	}
	if _, err := part.Write([]byte(content)); err != nil {
		return err
	}
	if err := mw.Close(); err != nil {
		return err
	}
	u, h, _, err := w.prepare(path, nil, "")
	if err != nil {
		return err
	}
	h["Content-Type"] = mw.FormDataContentType()
	r, err := w.send("POST", u, buf.Bytes(), h)
	if err != nil {
		return err
	}
	w.resp = r
	return nil
}

// sheet reads one sheet of the last response as an Excel workbook.
func (w *world) sheet(name string) ([][]string, error) {
	if err := w.needResponse(); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(w.resp.body))
	if err != nil {
		return nil, fmt.Errorf("the response (%d, %s) is not an Excel workbook: %w", w.resp.status, w.resp.header.Get("Content-Type"), err)
	}
	defer f.Close()
	rows, err := f.GetRows(name)
	if err != nil {
		return nil, fmt.Errorf("workbook has no sheet %q (sheets: %v): %w", name, f.GetSheetList(), err)
	}
	return rows, nil
}
