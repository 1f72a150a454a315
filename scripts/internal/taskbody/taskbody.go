// Package taskbody is the fixed answer of the load scripts' ceilings (the
// bare handler, the gin floor): one task of the shape and size Switchboard's
// GET returns, so every ceiling writes what the simulator writes.
package taskbody

// Body is task_123, encoded.
var Body = []byte(`{"id":"task_123","tenantId":"3b2a1c0d9e8f","createdAt":"2025-03-01T09:00:00Z","updatedAt":"2025-03-01T09:00:00Z","context":{"conversationId":1001},"objective":"Send proposal to client","createdBy":{"id":"u_1","type":"user"},"assignedTo":{"id":"123","type":"user"},"publishedAt":"2025-03-01T09:00:00Z","dueDate":"2025-03-06T09:00:00Z","completedAt":null,"cancelledAt":null,"cancellationReason":null,"status":"scheduled"}`)
