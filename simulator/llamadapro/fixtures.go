package llamadapro

import (
	"fmt"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/switchboard-sim/switchboard/fixtures"
)

// fixtureFile is fixtures/llamadapro.yaml.
type fixtureFile struct {
	SchemaVersion int               `yaml:"schemaVersion"`
	Tasks         taskFixtures      `yaml:"tasks"`
	Contacts      contactFixtures   `yaml:"contacts"`
	Funnels       []funnelFixture   `yaml:"funnels"`
	Conversations []convFixture     `yaml:"conversations"`
	CustomFields  []fieldFixture    `yaml:"customFields"`
	Templates     []templateFixture `yaml:"whatsappTemplates"`
	Files         []fileFixture     `yaml:"files"`
	VoiceAgents   []voiceAgent      `yaml:"voiceAgents"`
	Calls         callFixtures      `yaml:"calls"`
	WhatsApp      whatsappFixtures  `yaml:"whatsapp"`
}

type contactFixtures struct {
	Fixed     []fixedContact `yaml:"fixed"`
	Generated struct {
		Count        int      `yaml:"count"`
		FirstID      int64    `yaml:"firstId"`
		ChannelTypes []string `yaml:"channelTypes"`
	} `yaml:"generated"`
}

type fixedContact struct {
	ID              int64          `yaml:"id"`
	FirstName       string         `yaml:"firstName"`
	LastName        string         `yaml:"lastName"`
	CompanyPosition string         `yaml:"companyPosition"`
	NationalID      string         `yaml:"nationalId"`
	Created         Offset         `yaml:"created"`
	Addresses       []NewAddress   `yaml:"addresses"`
	CustomFields    map[string]any `yaml:"customFields"`
}

type funnelFixture struct {
	ID       int64  `yaml:"id" json:"id"`
	Name     string `yaml:"name" json:"name"`
	Statuses []struct {
		ID   int64  `yaml:"id" json:"id"`
		Name string `yaml:"name" json:"name"`
	} `yaml:"statuses" json:"statuses"`
}

type convFixture struct {
	ID             int64  `yaml:"id"`
	ContactID      int64  `yaml:"contactId"`
	FunnelID       int64  `yaml:"funnelId"`
	FunnelStatusID int64  `yaml:"funnelStatusId"`
	Created        Offset `yaml:"created"`
}

type fieldFixture struct {
	ID          int64  `yaml:"id"`
	EntityType  string `yaml:"entityType"`
	FieldKey    string `yaml:"fieldKey"`
	FieldLabel  string `yaml:"fieldLabel"`
	FieldType   string `yaml:"fieldType"`
	Description string `yaml:"description"`
	Options     []struct {
		ID    int64  `yaml:"id"`
		Value string `yaml:"value"`
		Label string `yaml:"label"`
	} `yaml:"options"`
}

type templateFixture struct {
	Name      string   `yaml:"name" json:"name"`
	Languages []string `yaml:"languages" json:"languages"`
	Variables int      `yaml:"variables" json:"variables"`
	Body      string   `yaml:"body" json:"body"`
}

type fileFixture struct {
	ID          string `yaml:"id"`
	FileName    string `yaml:"fileName"`
	ContentType string `yaml:"contentType"`
	Text        string `yaml:"text"`
}

type voiceAgent struct {
	ID           int64    `yaml:"id" json:"id"`
	Name         string   `yaml:"name" json:"name"`
	Localization string   `yaml:"localization" json:"localization"`
	Objectives   []string `yaml:"objectives" json:"objectives"`
}

type secondsRange struct {
	Min int `yaml:"min" json:"min"`
	Max int `yaml:"max" json:"max"`
}

type callFixtures struct {
	DefaultFrom          string       `yaml:"defaultFrom"`
	QueuedSeconds        int          `yaml:"queuedSeconds"`
	RingSeconds          secondsRange `yaml:"ringSeconds"`
	DurationSeconds      secondsRange `yaml:"durationSeconds"`
	DefaultMaxDuration   int          `yaml:"defaultMaxDurationSeconds"`
	NoAnswerAfterSeconds int          `yaml:"noAnswerAfterSeconds"`
	Magic                MagicNumbers `yaml:"magicNumbers"`
}

// MagicNumbers are destination numbers that end a call in a given way.
type MagicNumbers struct {
	NoAnswer string `yaml:"noAnswer" json:"noAnswer"`
	Busy     string `yaml:"busy" json:"busy"`
	Failed   string `yaml:"failed" json:"failed"`
	HangUp   string `yaml:"hangUp" json:"hangUp"`
}

type whatsappFixtures struct {
	SentAfter      int `yaml:"sentAfterSeconds"`
	DeliveredAfter int `yaml:"deliveredAfterSeconds"`
	ReadAfter      int `yaml:"readAfterSeconds"`
}

type taskFixtures struct {
	Fixed     []fixedTask   `yaml:"fixed"`
	Generated taskGenerator `yaml:"generated"`
}

type fixedTask struct {
	ID             string  `yaml:"id"`
	Objective      string  `yaml:"objective"`
	ConversationID int64   `yaml:"conversationId"`
	CreatedBy      Party   `yaml:"createdBy"`
	AssignedTo     Party   `yaml:"assignedTo"`
	Status         string  `yaml:"status"`
	Created        Offset  `yaml:"created"`
	Due            *Offset `yaml:"due"`
}

type taskGenerator struct {
	Count               int      `yaml:"count"`
	FirstID             int      `yaml:"firstId"`
	Statuses            []string `yaml:"statuses"`
	ConversationIDs     []int64  `yaml:"conversationIds"`
	Assignees           []Party  `yaml:"assignees"`
	Creators            []Party  `yaml:"creators"`
	Objectives          []string `yaml:"objectives"`
	CancellationReasons []string `yaml:"cancellationReasons"`
}

var fixtureCache fixtures.Cache[fixtureFile]

// loadFixtures decodes the embedded fixture file once; it is immutable.
func loadFixtures() (*fixtureFile, error) { return fixtureCache.Get(apiName, nil) }

// Offset is a fixture time given relative to the tenant's clock, such as
// "-48h" or "30m". It is checked when the fixtures are decoded.
type Offset time.Duration

// D is the offset as a duration.
func (o Offset) D() time.Duration { return time.Duration(o) }

// UnmarshalYAML parses a Go duration string.
func (o *Offset) UnmarshalYAML(n *yaml.Node) error {
	d, err := time.ParseDuration(n.Value)
	if err != nil {
		return fmt.Errorf("line %d: %q is not a duration such as -48h or 30m", n.Line, n.Value)
	}
	*o = Offset(d)
	return nil
}
