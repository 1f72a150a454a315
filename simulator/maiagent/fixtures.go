package maiagent

import (
	"fmt"
	"sync"

	"github.com/switchboard-sim/switchboard/fixtures"
)

// fixtureFile is fixtures/maiagent.yaml.
type fixtureFile struct {
	SchemaVersion int         `yaml:"schemaVersion"`
	Chatbots      []chatbotFx `yaml:"chatbots"`
	Contacts      []contactFx `yaml:"contacts"`
}

type chatbotFx struct {
	ID            string      `yaml:"id"`
	Name          string      `yaml:"name"`
	WebChats      []webChatFx `yaml:"webChats"`
	KnowledgeBase []kbEntry   `yaml:"knowledgeBase"`
}

type webChatFx struct {
	ID    string `yaml:"id"`
	Name  string `yaml:"name"`
	Inbox Inbox  `yaml:"inbox"`
}

// kbEntry is one knowledge-base question and its answer.
type kbEntry struct {
	Question string `yaml:"question"`
	Answer   string `yaml:"answer"`
}

type contactFx struct {
	ID     string  `yaml:"id"`
	Name   string  `yaml:"name"`
	Avatar *string `yaml:"avatar"`
}

var (
	fixtureOnce sync.Once
	fixtureData fixtureFile
	fixtureErr  error
)

// loadFixtures decodes the embedded fixture file once and checks that every
// chatbot has a web chat; the result is immutable.
func loadFixtures() (*fixtureFile, error) {
	fixtureOnce.Do(func() {
		fixtureErr = fixtures.Load(apiName, &fixtureData)
		if fixtureErr != nil {
			return
		}
		for _, b := range fixtureData.Chatbots {
			if len(b.WebChats) == 0 {
				fixtureErr = fmt.Errorf("fixtures %s: chatbot %s has no web chat", apiName, b.ID)
			}
		}
	})
	return &fixtureData, fixtureErr
}
