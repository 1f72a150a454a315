package llamadapro

import (
	"fmt"
	"strings"
)

// dialogue writes a seeded transcript that follows the call's objectives
// and names its contact: Spanish for the Latin American localizations,
// English otherwise. A hang-up ends after the greeting. Callers hold mu.
func (s *State) dialogue(sc callScript, hangUp bool) string {
	es := sc.localization != "" && sc.localization != "US"
	name := sc.contact
	if name == "" {
		name = map[bool]string{true: "cliente", false: "there"}[es]
	}
	first, _, _ := strings.Cut(name, " ")
	company := sc.company
	if company == "" {
		company = "LlamadaPro"
	}
	var lines []string
	say := func(who, text string) { lines = append(lines, who+": "+text) }
	if es {
		say(sc.agent, fmt.Sprintf("Hola %s, le habla %s de %s. ¿Tiene un minuto?", first, sc.agent, company))
	} else {
		say(sc.agent, fmt.Sprintf("Hi %s, this is %s from %s. Do you have a minute?", first, sc.agent, company))
	}
	if hangUp {
		return strings.Join(append(lines, "[the contact hung up]"), "\n")
	}
	yes := []string{"Sure, go ahead.", "Yes, that works for me.", "Okay, tell me more.", "I think so, yes."}
	si := []string{"Sí, claro.", "Sí, me parece bien.", "Bueno, cuénteme.", "Creo que sí."}
	noted := []string{"Great, I'll note that down.", "Perfect, let me confirm the details.", "Thanks, that's very helpful.", "Understood, I'll send you a summary."}
	anotado := []string{"Perfecto, lo dejo anotado.", "Muy bien, confirmo los detalles.", "Gracias, me sirve mucho.", "Entendido, le envío un resumen."}
	for _, o := range sc.objectives {
		o = strings.TrimSuffix(strings.TrimSpace(o), ".")
		if es {
			say(sc.agent, fmt.Sprintf("Le llamo para lo siguiente: %s.", o))
			say(first, si[s.fake.IntN(len(si))])
			say(sc.agent, anotado[s.fake.IntN(len(anotado))])
		} else {
			say(sc.agent, fmt.Sprintf("I'm calling to %s.", lowerFirst(o)))
			say(first, yes[s.fake.IntN(len(yes))])
			say(sc.agent, noted[s.fake.IntN(len(noted))])
		}
	}
	if es {
		say(first, "Gracias, hasta luego.")
		say(sc.agent, fmt.Sprintf("Gracias a usted, %s. Que tenga un buen día.", first))
	} else {
		say(first, "Thanks, bye.")
		say(sc.agent, fmt.Sprintf("Thank you, %s. Have a great day.", first))
	}
	return strings.Join(lines, "\n")
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
