package journal

// reserveLocked finds n bytes in the arena after the newest entry's, at
// its start when they do not fit before its end, growing it when the
// entries held leave no such room.
func (j *Journal) reserveLocked(n int) int {
	if j.count == 0 {
		j.tail = 0
	}
	head := 0
	if j.count > 0 {
		head = int(j.entries[j.head].off)
	}
	// Every entry has at least one byte: the held bytes run from head up
	// to tail, or, wrapped, from head to the end and on from the start.
	wrapped := j.count > 0 && j.tail <= head
	at := -1
	switch {
	case !wrapped && j.tail+n <= len(j.arena):
		at = j.tail
	case !wrapped && j.count > 0 && n <= head:
		at = 0
	case wrapped && j.tail+n <= head:
		at = j.tail
	}
	if at < 0 {
		j.growLocked(n)
		at = j.tail
	}
	j.tail = at + n
	return at
}

// growLocked copies the held entries, oldest first, to the start of a
// larger arena, with room for n more bytes after them. It grows by half,
// not double: the arena settles a little above what the bounds let the
// journal hold, and stays there.
func (j *Journal) growLocked(n int) {
	held := 0
	for i := 0; i < j.count; i++ {
		held += j.entries[(j.head+i)%len(j.entries)].size()
	}
	arena := make([]byte, max(len(j.arena)*3/2, (held+n)*5/4, 4<<10))
	at := 0
	for i := 0; i < j.count; i++ {
		s := &j.entries[(j.head+i)%len(j.entries)]
		at += copy(arena[at:], j.arena[s.off:int(s.off)+s.size()])
		s.off = uint32(at - s.size())
	}
	j.arena, j.tail = arena, at
}

// bytesOf is the slot's bytes in the arena.
func (j *Journal) bytesOf(s *slot) []byte { return j.arena[s.off : int(s.off)+s.size()-1] }
