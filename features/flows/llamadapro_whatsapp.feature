@llamadapro @messaging
Feature: LlamadaPro WhatsApp delivery scripted by a scenario
  A notification service sends a WhatsApp message and follows its status. The
  llamadapro-whatsapp-read scenario (chosen by the magic number +15005550104, or for the tenant)
  makes it sent, delivered, read a minute later, and has the contact reply.

  Background:
    Given I use the llamadapro API

  Scenario: The magic number's message is read after a minute and the contact replies
    When I send a POST request to "/api/v1/whatsapp/messages" with JSON:
      """
      {"fromPhoneNumber": "+15550100000", "toPhoneNumber": "+15005550104", "content": "Your order shipped", "type": "text"}
      """
    Then the response status is 200
    And the JSON at "status" is "pending"
    And I save the JSON at "id" as "message"
    And I save the JSON at "funnelConversationId" as "conversation"
    When the clock advances 2 seconds
    And I send a GET request to "/api/v1/messages/{{message}}"
    Then the JSON at "status" is "delivered"
    When the clock advances 57 seconds
    And I send a GET request to "/api/v1/messages/{{message}}"
    Then the JSON at "status" is "delivered"
    When the clock advances 1 second
    And I send a GET request to "/api/v1/messages/{{message}}"
    Then the JSON at "status" is "read"
    And the JSON at "updatedAt" is "{{now}}"
    When I send a GET request to "/api/v1/messages/msg_2"
    Then the response status is 404
    When the clock advances 30 seconds
    And I send a GET request to "/api/v1/messages/msg_2"
    Then the response status is 200
    And the response JSON includes:
      """
      {"direction": "inbound", "status": "delivered", "content": "Thanks, got it!", "channel": "whatsapp",
       "funnelConversationId": {{conversation}},
       "sender": {"address": "+15005550104", "role": "contact"}, "recipient": {"address": "+15550100000", "role": "user"}}
      """

  Scenario: Without a scenario the built-in delivery reads the message after 10 seconds
    When I send a POST request to "/api/v1/whatsapp/messages" with JSON:
      """
      {"fromPhoneNumber": "+15550100000", "toPhoneNumber": "+56912345678", "content": "Hello", "type": "text"}
      """
    Then the response status is 200
    And I save the JSON at "id" as "message"
    When the clock advances 10 seconds
    And I send a GET request to "/api/v1/messages/{{message}}"
    Then the JSON at "status" is "read"
