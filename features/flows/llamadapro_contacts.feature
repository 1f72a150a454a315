@llamadapro @crm
Feature: LlamadaPro contact search
  A CRM integration looks contacts up before it writes: by phone number, by custom field, by
  free text, with AND and OR filters, sorted and page by page. The search sees every change at once.

  Background:
    Given I use the llamadapro API

  Scenario: A contact is found by phone number, as in the vendor's own example
    When I send a POST request to "/api/v1/contacts/search" with JSON:
      """
      {"filters": [{"field": "addresses.address", "operator": "eq", "value": "+56912345678"}],
       "sort": [{"field": "createdAt", "direction": "desc"}], "size": 20, "includeTotalCount": "true"}
      """
    Then the response status is 200
    And the JSON at "totalCount" is 1
    And the response JSON includes:
      """
      {"items": [{"id": "501", "modelType": "Contact", "firstName": "Jane", "lastName": "Doe",
                  "customFields": {"source": "web", "tier": "gold"}}]}
      """
    And the JSON at "items[0].eventSequence" exists
    And the JSON at "nextPageToken" does not exist

  Scenario: A new contact is found by custom field and by OR filters, and the search follows its changes
    When I send a POST request to "/api/v1/contacts" with JSON:
      """
      {"firstName": "Lucía", "lastName": "Fernández", "customFields": {"tier": "silver", "score": 42},
       "addresses": [{"channelType": "WHATSAPP", "address": "+56977776666"}, {"channelType": "EMAIL", "address": "lucia@acme.example"}]}
      """
    Then the response status is 200
    And I save the JSON at "id" as "lucia"
    When I send a POST request to "/api/v1/contacts/search" with JSON:
      """
      {"filters": [{"field": "customFields.tier", "operator": "eq", "value": "silver"},
                   {"field": "customFields.score", "operator": "gte", "value": 40}], "includeTotalCount": true}
      """
    Then the JSON at "totalCount" is 1
    And the JSON at "items[0].id" is "{{lucia}}"
    When I send a POST request to "/api/v1/contacts/search" with JSON:
      """
      {"filters": [{"field": "addresses.address", "operator": "contains", "value": "acme.example"},
                   {"field": "nationalId", "operator": "eq", "value": "12.345.678-9", "or": true},
                   {"field": "modelType", "operator": "eq", "value": "Contact"}],
       "sort": [{"field": "firstName", "direction": "asc"}], "includeTotalCount": true}
      """
    Then the JSON at "totalCount" is 2
    And the JSON at "items[0].id" is "501"
    And the JSON at "items[1].firstName" is "Lucía"
    When I send a POST request to "/api/v1/contacts/search" with JSON:
      """
      {"search": "lucía fernández", "includeTotalCount": true}
      """
    Then the JSON at "totalCount" is 1
    When I send a PUT request to "/api/v1/contacts/{{lucia}}" with JSON:
      """
      {"customFields": {"tier": "gold"}}
      """
    Then the response status is 200
    When I send a POST request to "/api/v1/contacts/search" with JSON:
      """
      {"filters": [{"field": "customFields.tier", "operator": "eq", "value": "gold"}, {"field": "id", "operator": "in", "value": "501,502,{{lucia}}"}],
       "sort": [{"field": "id", "direction": "desc"}], "includeTotalCount": true}
      """
    Then the JSON at "totalCount" is 2
    And the JSON at "items[0].id" is "{{lucia}}"
    When I send a DELETE request to "/api/v1/contacts/{{lucia}}"
    Then the response status is 200
    When I send a POST request to "/api/v1/contacts/search" with JSON:
      """
      {"filters": [{"field": "id", "operator": "eq", "value": "{{lucia}}"}], "includeTotalCount": true}
      """
    Then the JSON at "totalCount" is 0
    And the JSON at "items" has length 0
    And the simulator received 5 requests to SearchContacts

  Scenario: Results come page by page without repeats
    When I send a POST request to "/api/v1/contacts/search" with JSON:
      """
      {"filters": [{"field": "id", "operator": "in", "value": ["501", "502", "600", "601", "602"]}],
       "sort": [{"field": "id", "direction": "asc"}], "size": 2, "includeTotalCount": true}
      """
    Then the JSON at "totalCount" is 5
    And the JSON at "items" has length 2
    And the JSON at "items[0].id" is "501"
    And the JSON at "items[1].id" is "502"
    And I save the JSON at "nextPageToken" as "page2"
    When I send a POST request to "/api/v1/contacts/search" with JSON:
      """
      {"filters": [{"field": "id", "operator": "in", "value": ["501", "502", "600", "601", "602"]}],
       "sort": [{"field": "id", "direction": "asc"}], "size": 2, "pageToken": "{{page2}}"}
      """
    Then the JSON at "items[0].id" is "600"
    And the JSON at "items[1].id" is "601"
    And the JSON at "totalCount" does not exist
    And I save the JSON at "nextPageToken" as "page3"
    When I send a POST request to "/api/v1/contacts/search" with JSON:
      """
      {"filters": [{"field": "id", "operator": "in", "value": ["501", "502", "600", "601", "602"]}],
       "sort": [{"field": "id", "direction": "asc"}], "size": 2, "pageToken": "{{page3}}"}
      """
    Then the JSON at "items" has length 1
    And the JSON at "items[0].id" is "602"
    And the JSON at "nextPageToken" does not exist

  Scenario: A wrong search is refused naming every wrong field
    When I send a POST request to "/api/v1/contacts/search" with JSON:
      """
      {"filters": [{"field": "shoeSize", "operator": "eq", "value": "42"}, {"field": "id", "operator": "in", "value": true}],
       "sort": [{"field": "nope"}]}
      """
    Then the response status is 400
    And the JSON at "error" is "Bad Request"
    And the JSON at "details" contains "filters[0].field"
    And the JSON at "details" contains "filters[1].value"
    And the JSON at "details" contains "sort[0].field"
    And the simulator received 1 request to SearchContacts answered with 400
