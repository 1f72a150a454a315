Feature: Tasks smoke
  Scenario: List tasks
    Given I use the llamadapro API
    When I send a GET request to "/api/v1/tasks?limit=1"
    Then the response status is 200
    And the JSON at "items" has length 1

  Scenario: A task goes overdue
    Given I use the llamadapro API
    When I send a GET request to "/api/v1/tasks/task_124"
    Then the JSON at "status" is "scheduled"
    When the clock advances 31 minutes
    And I send a GET request to "/api/v1/tasks/task_124"
    Then the JSON at "status" is "overdue"
