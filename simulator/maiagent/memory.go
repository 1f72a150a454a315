package maiagent

import (
	"regexp"
	"strings"
)

// The conversation memory: facts the contact stated in earlier turns ("my
// name is Ann", "我叫小明", "my favourite colour is green") and questions
// that ask for them back.
var (
	nameStatements = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\bmy name is\s+([\p{L}][\p{L}'\-]*(?:\s+\p{Lu}[\p{L}'\-]*)?)`),
		regexp.MustCompile(`(?i)\bcall me\s+([\p{L}][\p{L}'\-]*)`),
		regexp.MustCompile(`\b(?:I'm|I am|i'm)\s+(\p{Lu}[\p{L}'\-]*)`),
		regexp.MustCompile(`我叫([\p{Han}\p{L}]{1,8})`),
		regexp.MustCompile(`我的名字是([\p{Han}\p{L}]{1,8})`),
	}
	factStatement = regexp.MustCompile(`(?i)\bmy ([a-z]+(?: [a-z]+)?) is ([^.,!?;]+)`)

	nameQuestions = []*regexp.Regexp{
		regexp.MustCompile(`(?i)\bwhat(?:'s| is| was)? my name\b`),
		regexp.MustCompile(`(?i)\bwhat did i (?:say|tell you) my name\b`),
		regexp.MustCompile(`(?i)\bremember my name\b`),
		regexp.MustCompile(`(?i)\bwho am i\b`),
		regexp.MustCompile(`我叫(?:什麼|什么|啥)|我的名字(?:是什麼|是什么|是啥)?[？?]|我是(?:誰|谁)`),
	}
	factQuestion = regexp.MustCompile(`(?i)\bwhat(?:'s| is| was| did i say| did i tell you) my ([a-z]+(?: [a-z]+)?)(?: was| is)?\s*\??\s*$`)
	notAName     = regexp.MustCompile(`什麼|什么|啥|誰|谁`)
)

// recall answers a question about something the contact said in history
// (earlier messages, oldest first). ok is false when question asks nothing
// back.
func recall(history []string, question string) (string, bool) {
	zh := hasHan(question)
	name, facts := remembered(history)
	for _, re := range nameQuestions {
		if re.MatchString(question) {
			switch {
			case name != "" && zh:
				return "你剛才說你叫" + name + "。", true
			case name != "":
				return "You told me your name is " + name + ".", true
			case zh:
				return "你還沒有告訴我你的名字。", true
			default:
				return "I don't think you have told me your name yet.", true
			}
		}
	}
	if m := factQuestion.FindStringSubmatch(question); m != nil {
		key := strings.ToLower(m[1])
		if v, ok := facts[key]; ok {
			return "You told me your " + key + " is " + v + ".", true
		}
		return "I don't think you have told me your " + key + " yet.", true
	}
	return "", false
}

// remembered extracts the latest name and facts from history.
func remembered(history []string) (string, map[string]string) {
	name := ""
	facts := map[string]string{}
	for _, msg := range history {
		for _, re := range nameStatements {
			if m := re.FindStringSubmatch(msg); m != nil && !notAName.MatchString(m[1]) {
				name = strings.TrimSpace(m[1])
			}
		}
		for _, m := range factStatement.FindAllStringSubmatch(msg, -1) {
			key := strings.ToLower(m[1])
			if key != "name" {
				facts[key] = strings.TrimSpace(m[2])
			}
		}
	}
	return name, facts
}
