// Package cli is what the two commands, switchboard and switchboard-test,
// share: typed flags mirrored by SWITCHBOARD_* variables, exit codes, the
// build version, and the one declaration of the `test` flags.
package cli

import (
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// The typed flag kinds pflag lacks: an enum checked against its values, a
// byte size, a positive int, a non-negative duration and an RFC 3339 time.
// Each is declared in one line, like pflag's own, and shows its type and
// default in --help.

// value is a flag.Value over any type, with its own parser and printer.
type value[T any] struct {
	p     *T
	typ   string
	parse func(string) (T, error)
	show  func(T) string
}

func (v *value[T]) String() string { return v.show(*v.p) }
func (v *value[T]) Type() string   { return v.typ }
func (v *value[T]) Set(s string) error {
	x, err := v.parse(s)
	if err != nil {
		return err
	}
	*v.p = x
	return nil
}

func define[T any](fs *pflag.FlagSet, p *T, name string, def T, usage, typ string, parse func(string) (T, error), show func(T) string) *pflag.Flag {
	*p = def
	fs.Var(&value[T]{p: p, typ: typ, parse: parse, show: show}, name, usage)
	return fs.Lookup(name)
}

// EnumVar is a string-like flag that accepts only the values listed; they
// are its type in --help and its shell completions.
func EnumVar[T ~string](fs *pflag.FlagSet, p *T, name string, def T, usage string, values ...T) {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = string(v)
	}
	f := define(fs, p, name, def, usage, strings.Join(names, "|"), func(s string) (T, error) {
		if !slices.Contains(names, s) {
			return "", fmt.Errorf("want %s", orList(names))
		}
		return T(s), nil
	}, func(v T) string { return string(v) })
	f.Annotations = map[string][]string{enumAnnotation: names}
}

const enumAnnotation = "switchboard_enum"

// IntVar is an int flag with a lower bound.
func IntVar(fs *pflag.FlagSet, p *int, name string, def, min int, usage string) {
	define(fs, p, name, def, usage, "int", func(s string) (int, error) {
		n, err := strconv.Atoi(s)
		if err != nil || n < min {
			return 0, fmt.Errorf("want a whole number of at least %d", min)
		}
		return n, nil
	}, strconv.Itoa)
}

// Int64Var is a 64-bit int flag.
func Int64Var(fs *pflag.FlagSet, p *int64, name string, def int64, usage string) {
	define(fs, p, name, def, usage, "int", func(s string) (int64, error) {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("want a whole number")
		}
		return n, nil
	}, func(n int64) string { return strconv.FormatInt(n, 10) })
}

// DurationVar is a non-negative duration flag (10s, 1m30s, 250ms).
func DurationVar(fs *pflag.FlagSet, p *time.Duration, name string, def time.Duration, usage string) {
	define(fs, p, name, def, usage, "duration", func(s string) (time.Duration, error) {
		d, err := time.ParseDuration(s)
		if err != nil || d < 0 {
			return 0, fmt.Errorf("want a duration such as 10s or 1m30s")
		}
		return d, nil
	}, time.Duration.String)
}

// BytesVar is a byte-size flag: 48MiB, 512KiB, 1GiB, 64MB, 1048576 or 0.
func BytesVar(fs *pflag.FlagSet, p *int64, name string, def int64, usage string) {
	define(fs, p, name, def, usage, "bytes", ParseBytes, FormatBytes)
}

// TimeVar is an RFC 3339 instant; the zero time prints as "".
func TimeVar(fs *pflag.FlagSet, p *time.Time, name string, def time.Time, usage string) {
	define(fs, p, name, def, usage, "RFC3339", func(s string) (time.Time, error) {
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return t, fmt.Errorf("want an RFC 3339 time such as 2025-01-06T09:00:00Z")
		}
		return t, nil
	}, func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339Nano)
	})
}

var byteUnits = []struct {
	suffix string
	mult   int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}, {"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}}

// ParseBytes reads a byte size: 48MiB, 64MB, 1048576 or 0.
func ParseBytes(s string) (int64, error) {
	num, mult := s, int64(1)
	for _, u := range byteUnits {
		if strings.HasSuffix(s, u.suffix) {
			num, mult = strings.TrimSuffix(s, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(num), 10, 64)
	if err != nil || n < 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("want a size such as 48MiB, 64MB or 0")
	}
	return n * mult, nil
}

// FormatBytes prints n in the largest binary unit that divides it.
func FormatBytes(n int64) string {
	for _, u := range byteUnits[:3] {
		if n != 0 && n%u.mult == 0 {
			return strconv.FormatInt(n/u.mult, 10) + u.suffix
		}
	}
	return strconv.FormatInt(n, 10)
}

// EnvName is the variable mirroring a flag: --api-port is SWITCHBOARD_API_PORT.
func EnvName(flag string) string {
	return "SWITCHBOARD_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// MirrorEnv documents each flag's variable in its help text and registers
// enum completions, for every command of the tree. Call it once, on the root.
func MirrorEnv(cmd *cobra.Command) {
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Name == "help" {
			return
		}
		f.Usage += " (env " + EnvName(f.Name) + ")"
		if names, ok := f.Annotations[enumAnnotation]; ok {
			_ = cmd.RegisterFlagCompletionFunc(f.Name, cobra.FixedCompletions(names, cobra.ShellCompDirectiveNoFileComp))
		}
	})
	for _, c := range cmd.Commands() {
		MirrorEnv(c)
	}
}

// ApplyEnv gives every flag not set on the command line the value of its
// variable, if set: flag > env > default. A bad value names the variable.
// A variable set to the empty string counts as not set, as in Docker
// Compose files and CI matrices, where `FOO=` is how a value is left out.
func ApplyEnv(fs *pflag.FlagSet) error {
	var err error
	fs.VisitAll(func(f *pflag.Flag) {
		if err != nil || f.Changed || f.Name == "help" || f.Name == "version" {
			return
		}
		v := os.Getenv(EnvName(f.Name))
		if v == "" {
			return
		}
		if e := fs.Set(f.Name, v); e != nil {
			err = UsageError(fmt.Errorf("%s=%q: %w", EnvName(f.Name), v, unwrapPflag(e)))
		}
	})
	return err
}

// unwrapPflag drops pflag's own wording around a Set error ("invalid
// argument ... for ... flag: "), which names the flag, not the variable.
func unwrapPflag(err error) error {
	msg := err.Error()
	if i := strings.LastIndex(msg, " flag: "); i >= 0 && strings.HasPrefix(msg, "invalid argument") {
		return fmt.Errorf("%s", msg[i+len(" flag: "):])
	}
	return err
}

func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
