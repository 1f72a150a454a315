package jsoncodec

import "time"

// appendTime writes what time.Time's MarshalJSON returns; a time it refuses
// (a year outside [0,9999], a zone hour outside [0,23]) is handed back.
//
// It is time's appendFormatRFC3339 (format_rfc3339.go, Go 1.26) over the
// Unix seconds shifted by the zone offset, with two digits written at a
// time: AppendFormat's padded appendInt was a third of a Task. The tests
// compare it with MarshalJSON on random and edge times in fixed and real
// zones.
func appendTime(b []byte, t time.Time) ([]byte, bool) {
	_, offset := t.Zone()
	zone := offset / 60 // minutes, as time truncates them: seconds are dropped
	sign := byte('+')
	if zone < 0 {
		sign, zone = '-', -zone
	}
	sec := t.Unix()
	// |offset| < 24h here, so the first test keeps the sum from overflowing
	// and the second is MarshalJSON's: the local year is in [0,9999].
	if zone/60 >= 24 || sec < minTimeSec-86400 || sec > maxTimeSec+86400 {
		return b, false
	}
	if sec += int64(offset); sec < minTimeSec || sec > maxTimeSec {
		return b, false
	}
	days, clock := floorDiv(sec, 86400)
	year, month, day := civil(days)
	b = append(b, '"')
	b = append2(append2(b, year/100), year%100)
	b = append2(append(b, '-'), month)
	b = append2(append(b, '-'), day)
	b = append2(append(b, 'T'), int(clock/3600))
	b = append2(append(b, ':'), int(clock/60%60))
	b = append2(append(b, ':'), int(clock%60))
	if ns := t.Nanosecond(); ns != 0 {
		b = append(b, '.')
		b = append2(append2(append2(append2(b, ns/1e7), ns/1e5%100), ns/1e3%100), ns/10%100)
		b = append(b, byte('0'+ns%10))
		for b[len(b)-1] == '0' { // RFC3339Nano's .999999999: trailing zeros go
			b = b[:len(b)-1]
		}
	}
	if offset == 0 {
		return append(b, 'Z', '"'), true
	}
	b = append2(append(b, sign), zone/60)
	b = append2(append(b, ':'), zone%60)
	return append(b, '"'), true
}

// The Unix seconds of 0000-01-01T00:00:00 and 9999-12-31T23:59:59.
const (
	minTimeSec = -62167219200
	maxTimeSec = 253402300799
)

func floorDiv(a, n int64) (q, r int64) {
	q, r = a/n, a%n
	if r < 0 {
		q, r = q-1, r+n
	}
	return q, r
}

// civil converts days since 1970-01-01 to a proleptic Gregorian date, as
// time does (Howard Hinnant's days_from_civil inverse, years starting in
// March so that the leap day comes last).
func civil(days int64) (year, month, day int) {
	era, doe := floorDiv(days+719468, 146097) // 400-year eras from 0000-03-01
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day = int(doy - (153*mp+2)/5 + 1)
	month = int(mp + 3)
	if month > 12 {
		month -= 12
	}
	year = int(era*400 + yoe)
	if month <= 2 {
		year++
	}
	return year, month, day
}

// append2 writes n (0 to 99) as two digits.
func append2(b []byte, n int) []byte {
	return append(b, digits[2*n], digits[2*n+1])
}

const digits = "00010203040506070809" +
	"10111213141516171819" +
	"20212223242526272829" +
	"30313233343536373839" +
	"40414243444546474849" +
	"50515253545556575859" +
	"60616263646566676869" +
	"70717273747576777879" +
	"80818283848586878889" +
	"90919293949596979899"
