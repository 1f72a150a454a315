package maiagent

import (
	"encoding/binary"
	"hash/fnv"
	"strings"

	"github.com/brianvoe/gofakeit/v7"
)

// Reply sources, recorded so the scores can reflect how well grounded a reply is.
const (
	fromKnowledgeBase = "knowledge-base"
	fromMemory        = "memory"
	fromGenerated     = "generated"
)

// answer is the assistant's deterministic reply to question: a
// knowledge-base match, else a recall of an earlier turn, else a plausible
// answer seeded by the global seed, the chatbot and the question alone (so
// the same question gets the same answer in every tenant and state).
func answer(bot *chatbotFx, history []string, question string, atts []AttachmentRef, seed int64) (string, string) {
	if a, ok := matchKB(bot.KnowledgeBase, question); ok {
		return a, fromKnowledgeBase
	}
	if a, ok := recall(history, question); ok {
		return a, fromMemory
	}
	f := gofakeit.New(answerSeed(seed, bot.ID, question))
	zh := hasHan(question)
	var b strings.Builder
	for _, a := range atts {
		b.WriteString(attachmentNote(a, zh))
	}
	if zh {
		for i := 0; i < 2; i++ {
			b.WriteString(zhSentences[f.IntN(len(zhSentences))])
		}
		b.WriteString("還有其他我可以幫忙的嗎？")
		return b.String(), fromGenerated
	}
	b.WriteString("Thanks for your question. ")
	for i := 0; i < 3; i++ {
		b.WriteString(f.Sentence())
		b.WriteString(" ")
	}
	b.WriteString("Is there anything else I can help you with?")
	return b.String(), fromGenerated
}

func attachmentNote(a AttachmentRef, zh bool) string {
	kind := map[string][2]string{
		"image": {"image", "圖片"}, "audio": {"audio file", "音訊檔"}, "other": {"file", "檔案"},
	}[a.Type]
	if kind[0] == "" {
		kind = [2]string{"attachment", "附件"}
	}
	if zh {
		return "我收到了你的" + kind[1] + "「" + a.Filename + "」。"
	}
	return "I received your " + kind[0] + " \"" + a.Filename + "\". "
}

var zhSentences = []string{
	"這是一個很好的問題。",
	"根據我們目前的資料，建議您先確認相關設定。",
	"一般來說，這個流程大約需要一到兩個工作天。",
	"如果問題仍然存在，請提供更多細節，我們會盡快協助您。",
	"您也可以在我們的說明中心找到更完整的說明。",
	"我們的客服團隊很樂意為您進一步說明。",
}

func answerSeed(seed int64, botID, question string) uint64 {
	h := fnv.New64a()
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(seed))
	h.Write(b[:])
	h.Write([]byte(botID))
	h.Write([]byte{0})
	h.Write([]byte(normalize(question)))
	return h.Sum64()
}
