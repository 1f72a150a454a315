@llamadapro @crm
Feature: LlamadaPro custom fields and list options
  An admin screen defines custom fields per entity type. A key is unique per entity type (409
  otherwise); only LIST fields have options, and a LIST value on a contact must be one of them.
  A field still in use is deleted only with force, which also removes its values.

  Background:
    Given I use the llamadapro API

  Scenario: A field key is unique per entity type
    When I send a POST request to "/api/v1/custom-fields/definitions" with JSON:
      """
      {"entityType": "CONTACT", "fieldKey": "segment", "fieldLabel": "Segment", "fieldType": "LIST"}
      """
    Then the response status is 200
    And the response JSON includes:
      """
      {"entityType": "CONTACT", "fieldKey": "segment", "fieldLabel": "Segment", "fieldType": "LIST"}
      """
    And I save the JSON at "id" as "segment"
    When I send a POST request to "/api/v1/custom-fields/definitions" with JSON:
      """
      {"entityType": "CONTACT", "fieldKey": "segment", "fieldType": "STRING"}
      """
    Then the response status is 409
    And the JSON at "code" is 409
    And the JSON at "message" contains "segment"
    When I send a POST request to "/api/v1/custom-fields/definitions" with JSON:
      """
      {"entityType": "PRODUCT", "fieldKey": "segment", "fieldType": "STRING"}
      """
    Then the response status is 200
    When I send a PUT request to "/api/v1/custom-fields/definitions/{{segment}}" with JSON:
      """
      {"fieldKey": "source"}
      """
    Then the response status is 409
    When I send a PUT request to "/api/v1/custom-fields/definitions/{{segment}}" with JSON:
      """
      {"fieldLabel": "Market segment"}
      """
    Then the response status is 200
    And the JSON at "fieldLabel" is "Market segment"
    And the JSON at "fieldKey" is "segment"
    When I send a GET request to "/api/v1/custom-fields/definitions?filterBy=entityType:CONTACT&sortBy=fieldKey=asc&pageSize=100"
    Then the JSON at "totalCount" is 7
    And the response body contains "Market segment"
    And the simulator received 2 requests to CreateCustomFieldDefinition answered with 200
    And the simulator received 1 request to CreateCustomFieldDefinition answered with 409

  Scenario: Only LIST fields have options, and a contact's LIST value must be one of them
    When I send a POST request to "/api/v1/custom-fields/definitions/1/options" with JSON:
      """
      {"definitionId": 1, "value": "ads"}
      """
    Then the response status is 400
    And the JSON at "details" contains "definitionId"
    When I send a POST request to "/api/v1/custom-fields/definitions/2/options" with JSON:
      """
      {"definitionId": 2, "value": "platinum", "label": "Platinum"}
      """
    Then the response status is 200
    And I save the JSON at "id" as "platinum"
    When I send a POST request to "/api/v1/custom-fields/definitions/2/options" with JSON:
      """
      {"definitionId": 2, "value": "gold"}
      """
    Then the response status is 409
    When I send a PUT request to "/api/v1/contacts/502" with JSON:
      """
      {"customFields": {"tier": "diamond"}}
      """
    Then the response status is 400
    And the JSON at "details" contains "customFields.tier"
    When I send a PUT request to "/api/v1/contacts/502" with JSON:
      """
      {"customFields": {"tier": "platinum"}}
      """
    Then the response status is 200
    And the JSON at "customFields.tier" is "platinum"
    When I send a GET request to "/api/v1/custom-fields/definitions/2/options?sortBy=value=asc"
    Then the JSON at "items" has length 4
    And the JSON at "items[2].value" is "platinum"
    When I send a PUT request to "/api/v1/custom-fields/definitions/2/options/{{platinum}}" with JSON:
      """
      {"value": "diamond"}
      """
    Then the response status is 200
    And the JSON at "label" is "Platinum"
    When I send a GET request to "/api/v1/contacts/502"
    Then the JSON at "customFields.tier" is "diamond"
    When I send a DELETE request to "/api/v1/custom-fields/definitions/2/options/{{platinum}}"
    Then the response status is 200
    When I send a GET request to "/api/v1/contacts/502"
    Then the JSON at "customFields.tier" does not exist
    When I send a GET request to "/api/v1/custom-fields/definitions/2/options/{{platinum}}"
    Then the response status is 404

  Scenario: A field in use is deleted only with force, which removes its values
    When I send a DELETE request to "/api/v1/custom-fields/definitions/2"
    Then the response status is 409
    And the JSON at "code" is 409
    When I send a GET request to "/api/v1/contacts/501"
    Then the JSON at "customFields.tier" is "gold"
    When I send a GET request to "/api/v1/custom-fields/definitions/2"
    Then the response status is 200
    When I send a DELETE request to "/api/v1/custom-fields/definitions/2?force=true"
    Then the response status is 200
    And the JSON at "id" is 2
    When I send a GET request to "/api/v1/contacts/501"
    Then the JSON at "customFields.tier" does not exist
    And the JSON at "customFields.source" is "web"
    When I send a GET request to "/api/v1/custom-fields/definitions/2/options/1"
    Then the response status is 404
    When I send a PUT request to "/api/v1/contacts/501" with JSON:
      """
      {"customFields": {"tier": "gold"}}
      """
    Then the response status is 400
    And the JSON at "details" contains "customFields.tier"
    When I send a DELETE request to "/api/v1/custom-fields/definitions/7"
    Then the response status is 200
