@maiagent @webhook
Feature: MaiAgent asynchronous reply webhook
  Send Message (Create) stores the contact's message and answers 201 at once; the assistant's
  reply is produced in the background and POSTed to the webhook set through the control plane.

  Background:
    Given I use the maiagent API
    And a webhook receiver "bot"
    And I send a POST request to "/__admin/maiagent/webhooks?tenant={{credential}}" with JSON:
      """
      {"url": "{{receiver.bot}}"}
      """
    And the response status is 200
    And I send a POST request to "/api/v1/conversations/" with JSON:
      """
      {"webChat": "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d1"}
      """
    And the response status is 201
    And I save the JSON at "id" as "conv"

  Scenario: The reply to a message is delivered to the webhook and listed afterwards
    When I send a POST request to "/api/v1/messages/" with JSON:
      """
      {"conversation": "{{conv}}", "content": "What are your opening hours?", "attachments": []}
      """
    Then the response status is 201
    And the JSON at "type" is "incoming"
    And the JSON at "content" is "What are your opening hours?"
    And within 5 seconds of simulated time the webhook receiver "bot" receives 1 delivery
    And delivery 1 to "bot" has JSON at "type" equal to "outgoing"
    And delivery 1 to "bot" has JSON at "conversation" equal to "{{conv}}"
    And delivery 1 to "bot" has JSON at "sender.name" equal to "Acme Support Assistant"
    And delivery 1 to "bot" has JSON at "content" equal to "Our support team is available Monday to Friday, 9:00 to 18:00 Taipei time, and on Saturdays from 10:00 to 14:00."
    When I send a GET request to "/api/v1/messages/?conversation={{conv}}"
    Then the JSON at "count" is 2
    And the JSON at "results[0].type" is "outgoing"
    And the JSON at "results[0].content" is "Our support team is available Monday to Friday, 9:00 to 18:00 Taipei time, and on Saturdays from 10:00 to 14:00."

  Scenario: With the FAQ scenario active the webhook carries the scenario's answer, once
    Given the scenario "maiagent-faq-answers" is active
    When I send a POST request to "/api/v1/messages/" with JSON:
      """
      {"conversation": "{{conv}}", "content": "When will my order ship?", "attachments": []}
      """
    Then the response status is 201
    And within 5 seconds of simulated time the webhook receiver "bot" receives 1 delivery
    And delivery 1 to "bot" has JSON at "content" equal to "Orders ship within 24 hours; delivery takes 2 to 4 days."
    When I send a GET request to "/api/v1/messages/?conversation={{conv}}"
    Then the JSON at "count" is 2

  Scenario: A failing receiver gets the reply again
    Given the webhook receiver "bot" answers 500 for the next 1 delivery
    When I send a POST request to "/api/v1/messages/" with JSON:
      """
      {"conversation": "{{conv}}", "content": "What are your opening hours?", "attachments": []}
      """
    Then within 5 seconds of simulated time the webhook receiver "bot" receives 2 deliveries
    And delivery 1 to "bot" has JSON at "content" equal to "Our support team is available Monday to Friday, 9:00 to 18:00 Taipei time, and on Saturdays from 10:00 to 14:00."
    And delivery 2 to "bot" has JSON at "content" equal to "Our support team is available Monday to Friday, 9:00 to 18:00 Taipei time, and on Saturdays from 10:00 to 14:00."
