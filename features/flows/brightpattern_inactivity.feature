@brightpattern @conversation
Feature: Bright Pattern inactivity timeout
  When the customer stops writing, the service warns at half the app's inactivity timeout (10 minutes)
  and ends the chat at the full timeout; the chat is then gone. Any customer event starts the count again.

  Background:
    Given I use the brightpattern API
    And events are awaited in steps of 10 seconds
    When I send a POST request to "/clientweb/api/v1/chats" with JSON:
      """
      {"parameters": {"first_name": "Anna"}}
      """
    Then the response status is 200
    And I save the JSON at "chat_id" as "chat"
    Given the client long-polls "/clientweb/api/v1/chats/{{chat}}/events"

  Scenario: A silent customer is warned at 5 minutes and timed out at 10
    Then the client receives no chat_session_timeout_warning within 290 seconds of simulated time
    And within 20 seconds of simulated time the client receives chat_session_timeout_warning
    And the event's JSON at "msg" is "Are you still there? This chat will close soon if there is no activity."
    And the client receives no chat_session_inactivity_timeout within 280 seconds of simulated time
    And within 20 seconds of simulated time the client receives chat_session_inactivity_timeout
    And the event's JSON at "msg" is "This chat has been closed because of inactivity."
    When I send a GET request to "/clientweb/api/v1/chats/active"
    Then the response status is 404
    When I send a GET request to "/clientweb/api/v1/chats/{{chat}}/events"
    Then the response status is 404
    When I send a POST request to "/clientweb/api/v1/chats/{{chat}}/events" with JSON:
      """
      {"events": [{"event": "chat_session_message", "msg_id": "1", "msg": "Sorry, I was away"}]}
      """
    Then the response status is 404

  Scenario: A customer event restarts the inactivity count
    When the clock advances 4 minutes
    And I send a POST request to "/clientweb/api/v1/chats/{{chat}}/events" with JSON:
      """
      {"events": [{"event": "chat_session_typing", "msg": "I am still h"}]}
      """
    Then the response status is 200
    And the client receives no chat_session_timeout_warning within 290 seconds of simulated time
    And within 20 seconds of simulated time the client receives chat_session_timeout_warning
    When I send a GET request to "/clientweb/api/v1/chats/active"
    Then the response status is 200
    And the JSON at "chat_id" is "{{chat}}"
