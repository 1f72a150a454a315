@maiagent @conversation
Feature: MaiAgent streaming replies and the Excel export
  A MaiAgent integration asks a chatbot questions, reads the answer streamed as Server-Sent
  Events (data-only events whose deltas join to the whole answer, the last one done), and
  exports the chatbot's conversation records as an Excel workbook.

  Background:
    Given I use the maiagent API
    And I save "6b0f6a44-3c1e-4a7b-9d2e-1f5c8a9b0c01" as "bot"

  Scenario: A streamed reply is the non-streaming answer, delta by delta
    When I send a POST request to "/api/v1/chatbots/{{bot}}/completions/" with JSON:
      """
      {"conversation": null, "message": {"content": "Tell me something about your loyalty programme", "attachments": []}, "is_streaming": false}
      """
    Then the response status is 200
    And the JSON at "conversationId" exists
    And I save the JSON at "content" as "answer"
    Given the client listens to events at "/api/v1/chatbots/{{bot}}/completions/" with POST and JSON:
      """
      {"conversation": null, "message": {"content": "Tell me something about your loyalty programme", "attachments": []}, "is_streaming": true}
      """
    Then the stream ends with done true after at least 3 deltas
    And the streamed deltas join to "{{answer}}"
    And the simulator received 2 requests to CreateCompletion

  Scenario: The FAQ scenario answers with its own reply, streamed three tokens per event
    Given the scenario "maiagent-faq-answers" is active
    And the client listens to events at "/api/v1/chatbots/{{bot}}/completions/" with POST and JSON:
      """
      {"conversation": null, "message": {"content": "What are your opening hours?", "attachments": []}, "isStreaming": true}
      """
    Then the stream ends with done true after 3 deltas
    And the streamed deltas join to "We are open Monday to Friday, 9:00 to 18:00."
    When I send a POST request to "/api/v1/chatbots/{{bot}}/completions/" with JSON:
      """
      {"conversation": null, "message": {"content": "Can I get a refund?", "attachments": []}, "is_streaming": false}
      """
    Then the JSON at "content" is "Refunds are processed within 5 business days of receiving the item."

  Scenario: One conversation chooses the FAQ scenario through message metadata
    When I send a POST request to "/api/v1/chatbots/{{bot}}/completions/" with JSON:
      """
      {"conversation": null, "message": {"content": "Can I get a refund?", "attachments": [],
       "metadata": {"switchboardScenario": "maiagent-faq-answers"}}, "is_streaming": false}
      """
    Then the response status is 200
    And the JSON at "content" is "Refunds are processed within 5 business days of receiving the item."
    And I save the JSON at "conversationId" as "conv"
    When I send a POST request to "/api/v1/chatbots/{{bot}}/completions/" with JSON:
      """
      {"conversation": "{{conv}}", "message": {"content": "When do you deliver?", "attachments": []}, "is_streaming": false}
      """
    Then the JSON at "content" is "Orders ship within 24 hours; delivery takes 2 to 4 days."
    When I send a POST request to "/api/v1/chatbots/{{bot}}/completions/" with JSON:
      """
      {"conversation": null, "message": {"content": "What are your opening hours?", "attachments": []}, "is_streaming": false}
      """
    Then the JSON at "content" contains "Saturdays"
    When I send a POST request to "/api/v1/chatbots/{{bot}}/completions/" with JSON:
      """
      {"conversation": null, "message": {"content": "Hi", "attachments": [], "metadata": {"switchboardScenario": "no-such-scenario"}}, "is_streaming": false}
      """
    Then the response status is 400
    And the response body contains "message.metadata.switchboardScenario"

  Scenario: The records export is a workbook with one row per answered question
    When I send a POST request to "/api/v1/chatbots/{{bot}}/completions/" with JSON:
      """
      {"conversation": null, "message": {"content": "What are your opening hours?", "attachments": []}, "is_streaming": false}
      """
    And I save the JSON at "content" as "hours"
    And the clock advances 5 minutes
    And I send a POST request to "/api/v1/chatbots/{{bot}}/completions/" with JSON:
      """
      {"conversation": null, "message": {"content": "How much does shipping cost?", "attachments": []}, "is_streaming": false}
      """
    And I send a GET request to "/api/v1/chatbots/{{bot}}/records/export-excel/"
    Then the response status is 200
    And the response header "Content-Type" contains "spreadsheetml"
    And the response is an Excel workbook whose sheet "Records" has 3 rows
    And cell C1 of sheet "Records" is "Input Message"
    And cell C2 of sheet "Records" is "How much does shipping cost?"
    And cell C3 of sheet "Records" is "What are your opening hours?"
    And cell D3 of sheet "Records" is "{{hours}}"
    And the simulator received 1 request to ExportRecords
