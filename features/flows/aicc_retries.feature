@aicc @webhook
Feature: AICC retries failed pushes and dead-letters the ones that never succeed
  When the integration's webhook fails (any status but 200, or a resultCode other than "0"),
  AICC retries the same push on the virtual clock, 1 s after the first attempt and doubling
  each time; after the 8th failed attempt the push goes to the dead-letter list, from where it
  can be delivered again. Every attempt is signed afresh and recorded in the delivery journal.
  (A push of the same conversation waits for the one before it, so once a later push has
  arrived, the journal holds every attempt of the earlier ones.)

  Background:
    Given I use the aicc API
    And a webhook receiver "hook"
    And I save "FeatureSecretKey0123456789abcdefghijKLMNOPQ" as "pushKey"
    When I send a POST request to "/__admin/aicc/subscriptions?tenant={{credential}}" with JSON:
      """
      {"channelId": "ch-retry", "baseUrl": "{{receiver.hook}}",
       "auth": {"mode": "auth-v2", "accessKey": "feature-ak", "secretKey": "{{pushKey}}"}}
      """
    Then the response status is 200
    When I send a POST request to "/__admin/aicc/conversations?tenant={{credential}}" with JSON:
      """
      {"channelId": "ch-retry", "userId": "cust-1", "flow": "none"}
      """
    Then the response status is 200
    And I save the JSON at "id" as "conv"

  Scenario: A push the receiver fails twice is retried after 1 s and 2 s, then delivered
    Given the webhook receiver "hook" answers 500 for the next 2 deliveries
    And I save "{{now}}" as "t0"
    And I save "{{now+1s}}" as "t1"
    And I save "{{now+3s}}" as "t3"
    When I send a POST request to "/__admin/aicc/conversations/{{conv}}/messages?tenant={{credential}}" with JSON:
      """
      {"messages": [{"sourceType": "AGENT", "controlType": "CHAT", "mediaType": "TEXT", "content": "Your parcel left the depot."}]}
      """
    Then the response status is 200
    Then the webhook receiver "hook" has received 1 delivery
    When the clock advances by "999ms"
    Then the webhook receiver "hook" has received 1 delivery
    Then within 10 seconds of simulated time the webhook receiver "hook" receives 3 deliveries
    And delivery 1 to "hook" has JSON at "messages[0].content" equal to "Your parcel left the depot."
    And delivery 3 to "hook" has JSON at "messages[0].content" equal to "Your parcel left the depot."
    And delivery 3 to "hook" has JSON at "messages[0].messageCode" equal to "{{conv}}-0001"
    And every delivery to "hook" has a valid "aicc-auth-v2" signature with secret "{{pushKey}}"
    When I send a POST request to "/__admin/aicc/conversations/{{conv}}/messages?tenant={{credential}}" with JSON:
      """
      {"messages": [{"sourceType": "AGENT", "controlType": "DISCONNECT"}]}
      """
    Then the webhook receiver "hook" has received 4 deliveries
    When I send a GET request to "/__admin/aicc/deliveries?tenant={{credential}}&conversationId={{conv}}"
    Then the response status is 200
    And the response JSON includes:
      """
      {"deliveries": [
        {"attempt": 1, "time": "{{t0}}", "status": 500, "outcome": "failed", "error": "http-status: 500", "retryAt": "{{t1}}", "deadLettered": false},
        {"attempt": 2, "time": "{{t1}}", "status": 500, "outcome": "failed", "retryAt": "{{t3}}"},
        {"attempt": 3, "time": "{{t3}}", "status": 200, "outcome": "success"}
      ]}
      """
    When I send a GET request to "/__admin/aicc/dead-letters?tenant={{credential}}"
    Then the JSON at "deadLetters" has length 0

  Scenario: A push that fails 8 times is dead-lettered, stays there, and can be delivered again
    Given the webhook receiver "hook" answers 503 with "busy" for the next 8 deliveries
    When I send a POST request to "/__admin/aicc/conversations/{{conv}}/messages?tenant={{credential}}" with JSON:
      """
      {"messages": [{"sourceType": "AGENT", "controlType": "CHAT", "mediaType": "TEXT", "content": "Your refund is on its way."}]}
      """
    Then the response status is 200
    And I send a POST request to "/__admin/aicc/conversations/{{conv}}/messages?tenant={{credential}}" with JSON:
      """
      {"messages": [{"sourceType": "AGENT", "controlType": "CHAT", "mediaType": "TEXT", "content": "Anything else?"}]}
      """
    Then within 3 minutes of simulated time the webhook receiver "hook" receives 9 deliveries
    And delivery 8 to "hook" has JSON at "messages[0].content" equal to "Your refund is on its way."
    And delivery 9 to "hook" has JSON at "messages[0].content" equal to "Anything else?"
    When the clock advances 30 minutes
    Then the webhook receiver "hook" has received 9 deliveries
    When I send a GET request to "/__admin/aicc/deliveries?tenant={{credential}}&outcome=failed"
    Then the JSON at "deliveries" has length 8
    And the JSON at "deliveries[6].deadLettered" is false
    And the JSON at "deliveries[7].deadLettered" is true
    And the JSON at "deliveries[7].retryAt" does not exist
    When I send a GET request to "/__admin/aicc/dead-letters?tenant={{credential}}"
    Then the JSON at "deadLetters" has length 1
    And the response JSON includes:
      """
      {"deadLetters": [{"conversationId": "{{conv}}", "attempts": 8, "lastError": "http-status: 503",
                        "messages": [{"content": "Your refund is on its way."}]}]}
      """
    And I save the JSON at "deadLetters[0].pushId" as "push"
    When I send a POST request to "/__admin/aicc/deliveries/{{push}}/redeliver?tenant={{credential}}"
    Then the response status is 200
    And the JSON at "redeliveryOf" is "{{push}}"
    Then within 5 seconds of simulated time the webhook receiver "hook" receives 10 deliveries
    And delivery 10 to "hook" has JSON at "messages[0].content" equal to "Your refund is on its way."
    And every delivery to "hook" has a valid "aicc-auth-v2" signature with secret "{{pushKey}}"
