@brightpattern @conversation
Feature: Bright Pattern chat with an agent
  A chat widget requests a chat, long-polls its events and talks to the agent: the agent types,
  answers, sends a file the widget downloads, shows a form the customer fills in, and ends the chat.
  A scenario chosen through the chat's own parameters plays the agent instead of the default one.

  Background:
    Given I use the brightpattern API

  Scenario: The agent types, answers, sends a file, shows a form and ends the chat
    When I send a POST request to "/clientweb/api/v1/chats" with JSON:
      """
      {"phone_number": "", "from": "", "parameters": {"first_name": "Anna", "email": "anna@example.com"}}
      """
    Then the response status is 200
    And the JSON at "state" is "queued"
    And the JSON at "is_new_chat" is true
    And I save the JSON at "chat_id" as "chat"
    Given the client long-polls "/clientweb/api/v1/chats/{{chat}}/events"
    Then within 10 seconds of simulated time the client receives chat_session_party_joined
    And the event's JSON at "type" is "scenario"
    And within 10 seconds of simulated time the client receives chat_session_party_joined
    And the event's JSON at "type" is "internal"
    And I save the event's JSON at "party_id" as "agent"
    And within 5 seconds of simulated time the client receives chat_session_message from the agent
    And the event's JSON at "msg" is "Hello Anna, my name is Maria. How can I help you?"

    When I send a POST request to "/clientweb/api/v1/chats/{{chat}}/events" with JSON:
      """
      {"events": [{"event": "chat_session_message", "msg_id": "1", "msg": "Could you send me the file with your prices?"}]}
      """
    Then the response status is 200
    And within 5 seconds of simulated time the client receives chat_session_typing from the agent
    And within 5 seconds of simulated time the client receives chat_session_not_typing from the agent
    And within 5 seconds of simulated time the client receives chat_session_file from the agent
    And the event's JSON at "file_name" is "brochure.pdf"
    And the event's JSON at "file_type" is "attachment"
    And I save the event's JSON at "file_id" as "file"
    When I send a GET request to "/clientweb/api/v1/chats/{{chat}}/files/{{file}}"
    Then the response status is 200
    And the response header "Content-Type" contains "application/pdf"
    And the response body contains "%PDF-1.4"

    When I send a POST request to "/clientweb/api/v1/chats/{{chat}}/events" with JSON:
      """
      {"events": [{"event": "chat_session_message", "msg_id": "2", "msg": "Which form do I need?"}]}
      """
    Then within 5 seconds of simulated time the client receives chat_session_message from the agent
    And the event's JSON at "msg" is "Please fill in this form."
    And within 5 seconds of simulated time the client receives chat_session_form_show
    And the event's JSON at "form_name" is "ContactDetails"
    And the event's JSON at "form_timeout" is "120"
    And I save the event's JSON at "form_request_id" as "form"
    When I send a POST request to "/clientweb/api/v1/chats/{{chat}}/events" with JSON:
      """
      {"events": [{"event": "chat_session_form_data", "form_request_id": "{{form}}", "form_name": "ContactDetails",
                   "data": {"first_name": "Anna", "email": "anna@example.com"}}]}
      """
    Then the response status is 200
    And within 5 seconds of simulated time the client receives chat_session_message from the agent
    And the event's JSON at "msg" is "Thank you, I have your details."

    When I send a POST request to "/clientweb/api/v1/chats/{{chat}}/events" with JSON:
      """
      {"events": [{"event": "chat_session_message", "msg_id": "3", "msg": "That is all, bye!"}]}
      """
    Then within 5 seconds of simulated time the client receives chat_session_message from the agent
    And the event's JSON at "msg" is "Goodbye, and thank you for contacting us."
    And within 5 seconds of simulated time the client receives chat_session_party_left from the agent
    And within 5 seconds of simulated time the client receives chat_session_status
    And the event's JSON at "state" is "completed"
    And within 5 seconds of simulated time the client receives chat_session_ended
    When I send a GET request to "/clientweb/api/v1/chats/active"
    Then the response status is 404
    And the JSON at "error_code" is 404
    When I send a GET request to "/clientweb/api/v1/chats/{{chat}}/history"
    Then the response status is 200
    And the JSON at "events[0].event" is "chat_session_info"
    And the simulator received 4 requests to SendEvents

  Scenario: A scenario chosen in the chat's parameters plays the agent, and the default agent stays out
    When I send a POST request to "/clientweb/api/v1/chats" with JSON:
      """
      {"parameters": {"first_name": "Cy", "scenario": "brightpattern-form-and-file"}}
      """
    Then the response status is 200
    And I save the JSON at "chat_id" as "chat"
    Given the client long-polls "/clientweb/api/v1/chats/{{chat}}/events"
    Then the client receives no chat_session_party_joined within 4 seconds of simulated time
    And within 2 seconds of simulated time the client receives chat_session_party_joined
    And the event's JSON at "type" is "internal"
    And I save the event's JSON at "party_id" as "agent"
    And within 3 seconds of simulated time the client receives chat_session_form_show
    And the event's JSON at "form_name" is "ContactDetails"
    And the event's JSON at "form_timeout" is "300"
    When I send a POST request to "/clientweb/api/v1/chats/{{chat}}/events" with JSON:
      """
      {"events": [{"event": "chat_session_message", "msg_id": "1", "msg": "Where is my invoice?"}]}
      """
    Then within 5 seconds of simulated time the client receives chat_session_message from the agent
    And the event's JSON at "msg" is "Here is your invoice."
    And within 5 seconds of simulated time the client receives chat_session_file from the agent
    And the event's JSON at "file_name" is "invoice.pdf"
    And I save the event's JSON at "file_id" as "file"
    And the client receives no chat_session_typing within 10 seconds of simulated time
    And within 10 seconds of simulated time the client receives chat_session_ended
    When I send a GET request to "/clientweb/api/v1/chats/{{chat}}/files/{{file}}"
    Then the response status is 200
    And the response body contains "Invoice for Cy"
    When I send a GET request to "/__admin/scenarios?tenant={{credential}}"
    Then the JSON at "active[0].scenario" is "brightpattern-form-and-file"
    And the JSON at "active[0].session" is "{{chat}}"

  Scenario: An unknown scenario in the chat's parameters is refused and no chat is opened
    When I send a POST request to "/clientweb/api/v1/chats" with JSON:
      """
      {"parameters": {"scenario": "no-such-scenario"}}
      """
    Then the response status is 400
    And the JSON at "error_message" contains "parameters.scenario"
    When I send a GET request to "/clientweb/api/v1/chats/active"
    Then the response status is 404
