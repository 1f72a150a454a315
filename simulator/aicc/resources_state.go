package aicc

// Resource returns a resource by its id.
func (s *State) Resource(id string) (Resource, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.resources[id]
	if !ok {
		return Resource{}, notFound("file", id)
	}
	return r, nil
}
