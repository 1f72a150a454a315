@brightpattern @conversation
Feature: Bright Pattern long-poll concurrency
  A chat allows one Get New Chat Events at a time. A second poll while the first is held gets 400,
  and the first client still receives the next event: the refused poll takes nothing. Every event
  is delivered once, to one poll.

  Background:
    Given I use the brightpattern API
    When I send a POST request to "/clientweb/api/v1/chats" with JSON:
      """
      {"parameters": {"first_name": "Anna"}}
      """
    Then the response status is 200
    And I save the JSON at "chat_id" as "chat"

  Scenario: A second concurrent poll is refused and the first still gets the next event
    Given the client long-polls "/clientweb/api/v1/chats/{{chat}}/events"
    Then within 10 seconds of simulated time the client receives chat_session_party_joined
    And the event's JSON at "type" is "scenario"
    And within 10 seconds of simulated time the client receives chat_session_party_joined
    And the event's JSON at "type" is "internal"
    And I save the event's JSON at "party_id" as "agent"
    And within 5 seconds of simulated time the client receives chat_session_message from the agent
    When a second long-poll is sent while the client's long-poll is held
    Then the response status is 400
    And the JSON at "error_code" is 400
    And the JSON at "error_message" contains "already waiting"
    When I send a POST request to "/__admin/brightpattern/chats/{{chat}}/agent?tenant={{credential}}" with JSON:
      """
      {"action": "say", "text": "Are you there?"}
      """
    Then the response status is 200
    And within 5 seconds of simulated time the client receives chat_session_message from the agent
    And the event's JSON at "msg" is "Are you there?"
    And the simulator received 1 request to GetNewChatEvents answered with 400

  Scenario: Polls one after the other each get their events once
    When the clock advances 10 seconds
    And I send a GET request to "/clientweb/api/v1/chats/{{chat}}/events"
    Then the response status is 200
    And the JSON at "events[0].event" is "chat_session_info"
    When I send a POST request to "/__admin/brightpattern/chats/{{chat}}/agent?tenant={{credential}}" with JSON:
      """
      {"action": "say", "text": "First"}
      """
    And I send a POST request to "/__admin/brightpattern/chats/{{chat}}/agent?tenant={{credential}}" with JSON:
      """
      {"action": "say", "text": "Second"}
      """
    And I send a GET request to "/clientweb/api/v1/chats/{{chat}}/events"
    Then the response status is 200
    And the JSON at "events" has length 2
    And the JSON at "events[0].msg" is "First"
    And the JSON at "events[1].msg" is "Second"
    When I send a GET request to "/clientweb/api/v1/chats/{{chat}}/events"
    Then the response status is 200
    And the JSON at "events" has length 0
