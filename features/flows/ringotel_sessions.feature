@ringotel @conversation
Feature: Ringotel message sync, session lifecycle and call history
  An integration syncs chat and SMS traffic into Ringotel with `POST /api` and the `message` method,
  using the values of Ringotel's own examples: org 17076444409917912922, extensions 9003 and 9004,
  external number 234567668. A session closes (after inactivity, or by an operator); the next message
  to it lands in a new session, whose id the result carries. Call history goes into a session as a
  type 8 record. The control plane (`/__admin/ringotel/...`) shows what Ringotel's app would show.
  Ringotel's API has no way to choose a scenario per session, so a scenario is made active for the
  whole tenant.

  Background:
    Given I use the ringotel API

  Scenario: A message synced into a session lands there, marked read, as the user's outbound message
    When I send a POST request to "/api" with JSON:
      """
      {"method": "message", "params": {"from": "9003", "to": "234567668", "content": "Hello",
       "orgid": "17076444409917912922", "sessionid": "1710004869211-d3103a34bd2ce6023a"}}
      """
    Then the response status is 200
    And the JSON at "result.messageid" matches "^[0-9]{13}-[0-9a-f]{18}$"
    And the JSON at "result.sessionid" does not exist
    And I save the JSON at "result.messageid" as "hello"
    When I send a GET request to "/__admin/ringotel/orgs/17076444409917912922/sessions/1710004869211-d3103a34bd2ce6023a/messages?tenant={{credential}}"
    Then the response status is 200
    And the JSON at "session.status" is "open"
    And the JSON at "session.messageCount" is 2
    And the JSON at "messages" has length 2
    And the JSON at "messages[0].file.name" is "delivery-note-0423.pdf"
    And the response JSON includes:
      """
      {"messages": [{}, {"messageid": "{{hello}}", "type": 1, "direction": "outbound", "from": "9003",
                         "to": "234567668", "text": "Hello", "read": true, "syncedAt": "{{now}}"}]}
      """
    And the simulator received 1 request to message

  Scenario: The session expires, the next message opens a new session, and the call history goes there
    Given the scenario "ringotel-session-expiry" is active
    When I send a POST request to "/api" with JSON:
      """
      {"method": "message", "params": {"from": "9003", "to": "234567668", "content": "Hello",
       "orgid": "17076444409917912922", "sessionid": "1710004869211-d3103a34bd2ce6023a"}}
      """
    Then the response status is 200
    When the clock advances 14 minutes
    And I send a GET request to "/__admin/ringotel/orgs/17076444409917912922/sessions/1710004869211-d3103a34bd2ce6023a/messages?tenant={{credential}}"
    Then the JSON at "session.status" is "open"
    When the clock advances 1 minute
    And I send a GET request to "/__admin/ringotel/orgs/17076444409917912922/sessions/1710004869211-d3103a34bd2ce6023a/messages?tenant={{credential}}"
    Then the JSON at "session.status" is "closed"
    And the JSON at "session.closeReason" is "inactivity"
    And the JSON at "session.closedAt" is "{{now}}"
    When I send a POST request to "/api" with JSON:
      """
      {"method": "message", "params": {"from": "9003", "to": "234567668", "content": "Hello again",
       "orgid": "17076444409917912922", "sessionid": "1710004869211-d3103a34bd2ce6023a"}}
      """
    Then the response status is 200
    And the JSON at "result.messageid" matches "^[0-9]{13}-[0-9a-f]{18}$"
    And the JSON at "result.sessionid" matches "^[0-9]{13}-[0-9a-f]{18}$"
    And I save the JSON at "result.sessionid" as "new"
    And I save the JSON at "result.messageid" as "again"
    When I send a GET request to "/__admin/ringotel/orgs/17076444409917912922/sessions/{{new}}/messages?tenant={{credential}}"
    Then the response status is 200
    And the response JSON includes:
      """
      {"session": {"sessionid": "{{new}}", "user": "9003", "external": "234567668", "status": "open",
                   "createdAt": "{{now}}", "messageCount": 1}}
      """
    And the JSON at "messages" has length 1
    And the JSON at "messages[0].messageid" is "{{again}}"
    And the JSON at "messages[0].text" is "Hello again"
    When I send a GET request to "/__admin/ringotel/orgs/17076444409917912922/sessions/1710004869211-d3103a34bd2ce6023a/messages?tenant={{credential}}"
    Then the JSON at "session.status" is "closed"
    And the JSON at "messages" has length 2
    When I send a POST request to "/api" with JSON:
      """
      {"method": "message", "params": {"orgid": "17076444409917912922", "sessionid": "{{new}}", "type": 8,
       "content": {"activity_type": "outbound", "call_duration": 105, "caller_number": "9003",
                   "called_number": "234567668", "call_subject": "Delivery follow-up",
                   "call_summary": "Confirmed the delivery slot for order 0423."}}}
      """
    Then the response status is 200
    And the JSON at "result.messageid" matches "^[0-9]{13}-[0-9a-f]{18}$"
    And the JSON at "result.sessionid" does not exist
    And I save the JSON at "result.messageid" as "call"
    When I send a GET request to "/__admin/ringotel/orgs/17076444409917912922/sessions/{{new}}/messages?tenant={{credential}}"
    Then the JSON at "messages" has length 2
    And the response JSON includes:
      """
      {"messages": [{"messageid": "{{again}}"},
                    {"messageid": "{{call}}", "type": 8, "direction": "outbound", "from": "9003", "to": "234567668",
                     "call": {"activity_type": "outbound", "call_duration": 105, "caller_number": "9003",
                              "called_number": "234567668", "call_subject": "Delivery follow-up"}}]}
      """
    And the simulator received 3 requests to message

  Scenario: An operator closes a new session 2 minutes after it opens; typing into it is then a 409
    Given the scenario "ringotel-session-closed" is active
    When I send a POST request to "/__admin/ringotel/sessions/1710098613465-02d8b0a8b078cf73e5/close?tenant={{credential}}"
    Then the response status is 200
    And the JSON at "session.closeReason" is "closed by the control plane"
    When I send a POST request to "/api" with JSON:
      """
      {"method": "message", "params": {"from": "234567668", "to": "9004", "orgid": "17076444409917912922"}}
      """
    Then the response status is 200
    And the JSON at "result.sessionid" matches "^[0-9]{13}-[0-9a-f]{18}$"
    And I save the JSON at "result.sessionid" as "opened"
    When I send a GET request to "/__admin/ringotel/orgs/17076444409917912922/sessions/{{opened}}/messages?tenant={{credential}}"
    Then the response JSON includes:
      """
      {"session": {"user": "9004", "external": "234567668", "status": "open", "createdAt": "{{now}}"}}
      """
    And the JSON at "messages" has length 0
    When the clock advances 119 seconds
    And I send a POST request to "/api" with JSON:
      """
      {"method": "typing", "params": {"sessionid": "{{opened}}", "from": "9004"}}
      """
    Then the JSON at "result.sessionid" is "{{opened}}"
    When the clock advances 1 second
    And I send a GET request to "/__admin/ringotel/orgs/17076444409917912922/sessions/{{opened}}/messages?tenant={{credential}}"
    Then the JSON at "session.status" is "closed"
    And the JSON at "session.closeReason" is "closed by an operator"
    When I send a POST request to "/api" with JSON:
      """
      {"method": "typing", "params": {"sessionid": "{{opened}}", "from": "9004"}}
      """
    Then the response status is 200
    And the JSON at "error.code" is 409
    And the JSON at "error.message" contains "{{opened}}"

  Scenario: Without a scenario a session stays open until the inactivity timeout (24 hours)
    When I send a POST request to "/api" with JSON:
      """
      {"method": "message", "params": {"from": "234567668", "to": "9004", "content": "Is my parcel on its way?",
       "orgid": "17076444409917912922", "sessionid": "1710098613465-02d8b0a8b078cf73e5"}}
      """
    Then the response status is 200
    When the clock advances 23 hours
    And I send a GET request to "/__admin/ringotel/orgs/17076444409917912922/sessions/1710098613465-02d8b0a8b078cf73e5/messages?tenant={{credential}}"
    Then the JSON at "session.status" is "open"
    And the response JSON includes:
      """
      {"messages": [{"direction": "inbound", "from": "234567668", "to": "9004", "text": "Is my parcel on its way?", "read": true}]}
      """
    When the clock advances 1 hour
    And I send a GET request to "/__admin/ringotel/orgs/17076444409917912922/sessions/1710098613465-02d8b0a8b078cf73e5/messages?tenant={{credential}}"
    Then the JSON at "session.status" is "closed"
    And the JSON at "session.closeReason" is "inactivity"
