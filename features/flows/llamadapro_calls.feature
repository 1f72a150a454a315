@llamadapro @calls
Feature: LlamadaPro calls
  A dialler places AI agent calls and follows them on the virtual clock: a call that is answered
  ends with a recording (a real WAV file) and a transcription; a call nobody answers, or that meets
  a busy line, ends without either. The scenario library scripts the called party, chosen per
  tenant (the control plane) or per call (the magic numbers of docs/llamadapro.md).

  Background:
    Given I use the llamadapro API

  Scenario: An agent call is answered, completes, and leaves a recording and a transcription
    Given the scenario "llamadapro-call-answered" is active
    When I send a POST request to "/api/v2/calls/agent" with JSON:
      """
      {"toPhoneNumber": "+56912345678", "objectives": ["Confirm the appointment for Tuesday"],
       "localization": "US", "contactInfo": {"firstName": "Jane", "lastName": "Doe", "company": "Acme"}}
      """
    Then the response status is 200
    And the JSON at "status" is "queued"
    And the JSON at "contactId" is 501
    And I save the JSON at "id" as "call"
    And I save the JSON at "funnelConversationId" as "conversation"
    When the clock advances 1 second
    And I send a GET request to "/api/v1/calls/{{call}}"
    Then the JSON at "status" is "ringing"
    When the clock advances 7 seconds
    And I send a GET request to "/api/v1/calls/{{call}}"
    Then the JSON at "status" is "in-progress"
    And the JSON at "startTime" is "{{now}}"
    When I send a GET request to "/api/v1/calls/{{call}}/recording"
    Then the response status is 404
    When the clock advances 2 minutes
    And I send a GET request to "/api/v1/calls/{{call}}"
    Then the response JSON includes:
      """
      {"id": {{call}}, "status": "completed", "duration": 120, "updatedAt": "{{now}}"}
      """
    When I send a GET request to "/api/v1/calls/{{call}}/recording"
    Then the response status is 200
    And the JSON at "callId" is {{call}}
    And the JSON at "duration" is 120
    And I save the JSON at "url" as "audio"
    And I save the JSON at "id" as "recording"
    When I send a GET request to "/api/v1/recordings/{{recording}}"
    Then the JSON at "url" is "{{audio}}"
    When I send a GET request to "{{audio}}"
    Then the response status is 200
    And the response header "Content-Type" is "audio/wav"
    And the response is a WAV audio of 120 seconds
    When I send a GET request to "/api/v1/calls/{{call}}/transcription"
    Then the response status is 200
    And the JSON at "recordingId" is {{recording}}
    And the JSON at "text" contains "Hi Jane, this is Ana from Acme"
    And the JSON at "text" contains "I'm calling to confirm the appointment for Tuesday."
    When I send a GET request to "/api/v1/conversations/{{conversation}}"
    Then the JSON at "channelSessions[0].channelType" is "PHONE"
    And the JSON at "channelSessions[0].endTime" is "{{now}}"
    And the simulator received 1 request to StartAgentCall

  Scenario: The answered-call magic number chooses the scenario for that call only
    When I send a POST request to "/api/v2/calls/agent" with JSON:
      """
      {"toPhoneNumber": "+15005550100", "objectives": ["Book a demo"], "maxDurationSeconds": 30}
      """
    Then the response status is 200
    And I save the JSON at "id" as "call"
    When the clock advances 2 minutes
    And I send a GET request to "/api/v1/calls/{{call}}"
    Then the JSON at "status" is "in-progress"
    When the clock advances 8 seconds
    And I send a GET request to "/api/v1/calls/{{call}}"
    Then the JSON at "status" is "completed"
    And the JSON at "duration" is 120
    When I send a GET request to "/api/v1/calls/{{call}}/recording"
    Then the response status is 200
    And I save the JSON at "url" as "audio"
    When I send a GET request to "{{audio}}"
    Then the response is a WAV audio of 120 seconds

  Scenario Outline: A call to a <party> number ends as <status> without a recording
    When I send a POST request to "/api/v2/calls/agent" with JSON:
      """
      {"toPhoneNumber": "<number>", "objectives": ["Confirm the delivery address"]}
      """
    Then the response status is 200
    And I save the JSON at "id" as "call"
    When the clock advances by "<before>"
    And I send a GET request to "/api/v1/calls/{{call}}"
    Then the JSON at "status" is "<waiting>"
    When the clock advances 1 second
    And I send a GET request to "/api/v1/calls/{{call}}"
    Then the response JSON includes:
      """
      {"status": "<status>", "duration": 0, "updatedAt": "{{now}}"}
      """
    When I send a GET request to "/api/v1/calls/{{call}}/recording"
    Then the response status is 404
    And the JSON at "message" contains "{{call}}"
    When I send a GET request to "/api/v1/calls/{{call}}/transcription"
    Then the response status is 404

    Examples:
      | party     | number       | before | waiting | status    |
      | no-answer | +15005550101 | 30s    | ringing | no-answer |
      | busy      | +15005550102 | 2s     | queued  | busy      |

  Scenario: A tenant's busy scenario ends every call on a busy line
    Given the scenario "llamadapro-call-busy" is active
    When I send a POST request to "/api/v1/calls/bridge" with JSON:
      """
      {"to": "+56912345678"}
      """
    Then the response status is 200
    And I save the JSON at "id" as "call"
    When the clock advances 2 seconds
    And I send a GET request to "/api/v1/calls/{{call}}"
    Then the JSON at "status" is "queued"
    When the clock advances 1 second
    And I send a GET request to "/api/v1/calls/{{call}}"
    Then the JSON at "status" is "busy"
    When the clock advances 10 minutes
    And I send a GET request to "/api/v1/calls/{{call}}"
    Then the JSON at "status" is "busy"
    And the JSON at "lastUpdateSequence" is 2
    When I send a GET request to "/api/v1/calls/{{call}}/recording"
    Then the response status is 404

  Scenario: A call recorded elsewhere, and a recording loaded from a URL
    When I send a POST request to "/api/v1/calls" with JSON:
      """
      {"status": "completed", "userId": 7, "metadata": {"crm": "hubspot"}, "providerId": "CA123", "providerName": "twilio",
       "from": "+14155552671", "to": "+56912345678", "duration": 95, "direction": "outbound",
       "startTime": "2025-03-01T10:00:00Z"}
      """
    Then the response status is 200
    And the response JSON includes:
      """
      {"status": "completed", "duration": 95, "contactId": 501, "providerName": "twilio",
       "startTime": "2025-03-01T10:00:00Z", "createdAt": "{{now}}", "metadata": {"crm": "hubspot"}}
      """
    And I save the JSON at "id" as "external"
    When I send a GET request to "/api/v1/calls/{{external}}"
    Then the JSON at "providerId" is "CA123"
    When I send a GET request to "/api/v1/calls/{{external}}/recording"
    Then the response status is 404
    When I send a POST request to "/api/v1/recordings" with JSON:
      """
      {"userId": 7, "url": "https://storage.example.com/calls/abc.wav", "callTo": "+56912345678",
       "callFrom": "+14155552671", "callDirection": "outgoing", "callStartTime": "2025-03-01T10:00:00Z"}
      """
    Then the response status is 200
    And the JSON at "url" is "https://storage.example.com/calls/abc.wav"
    And the JSON at "startTime" is "2025-03-01T10:00:00Z"
    And I save the JSON at "callId" as "loaded"
    And I save the JSON at "id" as "recording"
    And I save the JSON at "duration" as "seconds"
    When I send a GET request to "/api/v1/calls/{{loaded}}"
    Then the response JSON includes:
      """
      {"status": "completed", "direction": "outgoing", "from": "+14155552671", "to": "+56912345678",
       "providerName": "upload", "duration": {{seconds}}}
      """
    When I send a GET request to "/api/v1/calls/{{loaded}}/recording"
    Then the JSON at "id" is {{recording}}
    When I send a GET request to "/api/v1/calls/{{loaded}}/transcription"
    Then the response status is 200
    And the JSON at "recordingId" is {{recording}}
    When I send a POST request to "/api/v1/recordings" with JSON:
      """
      {"userId": 7, "url": "ftp://storage.example.com/abc.wav", "callTo": "12345"}
      """
    Then the response status is 400
    And the JSON at "details" contains "url"
    And the JSON at "details" contains "callTo"
    And the simulator received 1 request to CreateCall
    And the simulator received 2 requests to LoadRecording
    And the simulator received 1 request to LoadRecording answered with 400
