Feature: Broken expectations
  Scenario: Wrong status
    Given I use the llamadapro API
    When I send a GET request to "/api/v1/tasks/task_404"
    Then the response status is 200

  Scenario: Still fine
    Given I use the llamadapro API
    When I send a GET request to "/api/v1/tasks/task_123"
    Then the response status is 200
