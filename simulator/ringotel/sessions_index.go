package ringotel

// openSessions indexes the open sessions by org, user and external number
// (its digits), each key's in creation order, so that filing a message
// finds its session without reading every session the org ever had. It is
// kept by addSession and closeLocked, the only places a session opens or
// closes.
type openSessions map[string][]*session

func openKey(orgID, user, external string) string {
	return orgID + "\x00" + user + "\x00" + digits(external)
}

func (x openSessions) add(ss *session) {
	k := openKey(ss.OrgID, ss.User, ss.External)
	x[k] = append(x[k], ss)
}

func (x openSessions) remove(ss *session) {
	k := openKey(ss.OrgID, ss.User, ss.External)
	l := x[k]
	for i, o := range l {
		if o == ss {
			l = append(l[:i:i], l[i+1:]...)
			break
		}
	}
	if len(l) == 0 {
		delete(x, k)
		return
	}
	x[k] = l
}
