@llamadapro @crm
Feature: LlamadaPro tasks CRM
  A CRM integration creates follow-up tasks, lists them page by page, updates and deletes
  them, and sees a scheduled task turn overdue when its due date passes on the clock.

  Background:
    Given I use the llamadapro API

  Scenario: A scheduled task goes overdue when the clock passes its due date
    When I send a POST request to "/api/v1/tasks" with JSON:
      """
      {"context": {"conversationId": 1001}, "objective": "Call back about the invoice",
       "createdBy": {"id": "u_1", "type": "user"}, "assignedTo": {"id": "123", "type": "user"},
       "dueDate": "{{now+1h}}"}
      """
    Then the response status is 200
    And the JSON at "status" is "scheduled"
    And I save the JSON at "id" as "task"
    When the clock advances 59 minutes
    And I send a GET request to "/api/v1/tasks/{{task}}"
    Then the JSON at "status" is "scheduled"
    When the clock advances 90 minutes
    And I send a GET request to "/api/v1/tasks/{{task}}"
    Then the response status is 200
    And the JSON at "status" is "overdue"
    And the simulator received 1 request to CreateTask

  Scenario: Create, read, update and delete a task
    When I send a POST request to "/api/v1/tasks" with JSON:
      """
      {"context": {"conversationId": 1002}, "objective": "Send proposal to client",
       "createdBy": {"id": "u_1", "type": "user"}, "assignedTo": {"id": "ai_7", "type": "ai_employee"},
       "dueDate": "{{now+48h}}"}
      """
    Then the response status is 200
    And the JSON at "createdAt" is "{{now}}"
    And the JSON at "assignedTo.type" is "ai_employee"
    And the JSON at "tenantId" exists
    And the JSON at "completedAt" is null
    And the JSON at "id" matches "^task_[0-9]+$"
    And I save the JSON at "id" as "task"
    When the clock advances 2 hours
    And I send a PUT request to "/api/v1/tasks/{{task}}" with JSON:
      """
      {"status": "completed", "objective": "Proposal sent"}
      """
    Then the response status is 200
    And the response JSON includes:
      """
      {"id": "{{task}}", "status": "completed", "objective": "Proposal sent", "completedAt": "{{now}}", "updatedAt": "{{now}}"}
      """
    When I send a DELETE request to "/api/v1/tasks/{{task}}"
    Then the response status is 200
    And the JSON at "id" is "{{task}}"
    When I send a GET request to "/api/v1/tasks/{{task}}"
    Then the response status is 404
    And the JSON at "message" contains "{{task}}"
    And the simulator received 1 request to GetTask

  Scenario: Tasks are listed page by page
    Given I send a POST request to "/api/v1/tasks" with JSON:
      """
      {"context": {"conversationId": 777001}, "objective": "First", "createdBy": {"id": "u_1", "type": "user"},
       "assignedTo": {"id": "123", "type": "user"}, "dueDate": "{{now+24h}}"}
      """
    And I send a POST request to "/api/v1/tasks" with JSON:
      """
      {"context": {"conversationId": 777001}, "objective": "Second", "createdBy": {"id": "u_1", "type": "user"},
       "assignedTo": {"id": "123", "type": "user"}, "dueDate": "{{now+24h}}"}
      """
    And I send a POST request to "/api/v1/tasks" with JSON:
      """
      {"context": {"conversationId": 777001}, "objective": "Third", "createdBy": {"id": "u_1", "type": "user"},
       "assignedTo": {"id": "123", "type": "user"}, "dueDate": "{{now+24h}}"}
      """
    When I send a GET request to "/api/v1/tasks?conversationId=777001&limit=2"
    Then the response status is 200
    And the JSON at "totalCount" is 3
    And the JSON at "items" has length 2
    And I save the JSON at "nextPageToken" as "page2"
    When I send a GET request to "/api/v1/tasks?conversationId=777001&limit=2&pageToken={{page2}}"
    Then the response status is 200
    And the JSON at "items" has length 1
    And the JSON at "totalCount" is 3
    And the simulator received 2 requests to GetTasks

  Scenario: Invalid input is refused naming every wrong field, and nothing is created
    Given I send a GET request to "/api/v1/tasks"
    And I save the JSON at "totalCount" as "before"
    When I send a POST request to "/api/v1/tasks" with JSON:
      """
      {"createdBy": {"id": "u_1", "type": "user"}, "assignedTo": {"id": "123", "type": "user"}}
      """
    Then the response status is 400
    And the JSON at "error" is "Bad Request"
    And the JSON at "details" contains "objective"
    And the JSON at "details" contains "context"
    When I send a GET request to "/api/v1/tasks?pageToken=forged"
    Then the response status is 400
    And the JSON at "details.pageToken.in" is "query"
    When I send a GET request to "/api/v1/tasks"
    Then the JSON at "totalCount" is {{before}}
    And the simulator received 1 request to CreateTask answered with 400

  Scenario: Concurrent creates each get their own task
    When I send 3 concurrent POST requests to "/api/v1/tasks" with JSON:
      """
      {"context": {"conversationId": 777002}, "objective": "Same", "createdBy": {"id": "u_1", "type": "user"},
       "assignedTo": {"id": "123", "type": "user"}, "dueDate": "{{now+24h}}"}
      """
    Then 3 of the concurrent responses have status 200
    When I send a GET request to "/api/v1/tasks?conversationId=777002"
    Then the JSON at "totalCount" is 3
    And the simulator received 3 requests to CreateTask

  Scenario: A request without credentials is refused in the vendor's shape
    Given I send no credentials
    When I send a GET request to "/api/v1/tasks"
    Then the response status is 401
    And the JSON at "code" is 401
    And the JSON at "message" contains "missing API key"
