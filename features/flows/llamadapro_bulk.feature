@llamadapro @crm
Feature: LlamadaPro bulk conversations
  An import job sends conversations in batches. Each item is checked on its own: the valid ones
  are created (or updated), and the report names every failing item by its index with a code, so
  the job can fix and resend just those. The counts add up: successful + errors = total.

  Background:
    Given I use the llamadapro API

  Scenario: A batch creates the valid conversations and reports the others by index
    When I send a POST request to "/api/v1/conversations/bulk" with JSON:
      """
      {"conversations": [
        {"funnelId": 1, "contactId": 501},
        {"funnelId": 1, "funnelStatusId": 12, "contact": {"firstName": "Ana", "lastName": "Rojas", "phones": ["+56911000001"]}},
        {"contactId": 501},
        {"funnelId": 1, "contact": {"firstName": "Bad", "phones": ["12345"]}},
        {"funnelId": 2, "contact": {"firstName": "Jane", "phones": ["+56912345678"]}},
        "not an object",
        {"funnelId": 1, "contactId": 999999}
      ]}
      """
    Then the response status is 200
    And the JSON at "message" is "Processed 7 conversations: 3 successful, 4 with errors"
    And the JSON at "operationId" exists
    And the response JSON includes:
      """
      {"report": {"counts": {"successful": 3, "errors": 4, "total": 7, "duplicates": 1, "warnings": 1},
                  "batchErrors": [],
                  "itemsIssues": [
                    {"index": 2, "itemId": null, "errors": [{"code": "REQUIRED_FIELD", "field": "funnelId"}]},
                    {"index": 3, "itemId": null, "errors": [{"code": "INVALID_FORMAT", "field": "contact.phones[0]"}]},
                    {"index": 4, "errors": [], "warnings": [{"code": "DUPLICATE_CONTACT"}], "existingEntities": {"contactId": 501}},
                    {"index": 5, "itemId": null, "errors": [{"code": "INVALID_TYPE", "field": "conversations[5]"}]},
                    {"index": 6, "itemId": null, "errors": [{"code": "NOT_FOUND", "field": "contactId"}]}]}}
      """
    And the JSON at "report.itemsIssues" has length 5
    And I save the JSON at "report.itemsIssues[2].itemId" as "duplicate"
    When I send a GET request to "/api/v1/conversations/{{duplicate}}"
    Then the response status is 200
    And the JSON at "contactId" is 501
    And the JSON at "funnelId" is 2
    When I send a GET request to "/api/v1/conversations/2002"
    Then the response status is 200
    And the JSON at "funnelStatusId" is 12
    And the JSON at "contacts[0].firstName" is "Ana"
    And the JSON at "contacts[0].addresses[0].address" is "+56911000001"
    When I send a GET request to "/api/v1/conversations/2004"
    Then the response status is 404
    When I send a POST request to "/api/v1/contacts/search" with JSON:
      """
      {"filters": [{"field": "addresses.address", "operator": "eq", "value": "+56911000001"}], "includeTotalCount": true}
      """
    Then the JSON at "totalCount" is 1
    When I send a POST request to "/api/v1/contacts/search" with JSON:
      """
      {"filters": [{"field": "firstName", "operator": "eq", "value": "Bad"}], "includeTotalCount": true}
      """
    Then the JSON at "totalCount" is 0
    And the simulator received 1 request to BulkCreate

  Scenario: A batch update applies the valid items and names the rest
    When I send a PUT request to "/api/v1/conversations/bulk" with JSON:
      """
      {"conversations": [
        {"id": 1001, "funnelStatusId": 12, "customFields": {"budget": 5000}},
        {"id": 1001, "funnelStatusId": 13},
        {"id": 424242},
        {"funnelStatusId": 12}
      ]}
      """
    Then the response status is 200
    And the response JSON includes:
      """
      {"report": {"counts": {"successful": 1, "errors": 3, "total": 4},
                  "itemsIssues": [
                    {"index": 1, "errors": [{"code": "DUPLICATE_IN_BATCH"}]},
                    {"index": 2, "errors": [{"code": "NOT_FOUND"}]},
                    {"index": 3, "errors": [{"code": "REQUIRED_FIELD", "field": "id"}]}]}}
      """
    And the JSON at "report.itemsIssues" has length 3
    And the JSON at "message" is "Processed 4 conversations: 1 successful, 3 with errors"
    When I send a GET request to "/api/v1/conversations/1001"
    Then the JSON at "funnelStatusId" is 12
    And the JSON at "customFields.budget" is 5000

  Scenario: An empty batch is refused whole
    When I send a POST request to "/api/v1/conversations/bulk" with JSON:
      """
      {"conversations": []}
      """
    Then the response status is 400
    And the JSON at "details" contains "conversations"
    When I send a POST request to "/api/v1/conversations/bulk" with JSON:
      """
      {}
      """
    Then the response status is 400
    And the JSON at "details" contains "conversations"
    And the simulator received 2 requests to BulkCreate answered with 400
