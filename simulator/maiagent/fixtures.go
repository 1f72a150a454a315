package maiagent

import (
	"fmt"

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

var fixtureCache fixtures.Cache[fixtureFile]

// loadFixtures decodes the embedded fixture file once and checks that every
// chatbot has a web chat; the result is immutable.
func loadFixtures() (*fixtureFile, error) {
	return fixtureCache.Get(apiName, func(f *fixtureFile) error {
		for _, b := range f.Chatbots {
			if len(b.WebChats) == 0 {
				return fmt.Errorf("fixtures %s: chatbot %s has no web chat", apiName, b.ID)
			}
		}
		return nil
	})
}
