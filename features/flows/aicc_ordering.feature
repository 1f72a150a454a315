@aicc @webhook
Feature: AICC keeps a conversation's pushes in order across failures
  AICC delivers one conversation's pushes to a subscription one at a time: a later push waits
  until the earlier one is delivered or dead-lettered, so it never overtakes it. Other
  conversations have their own queues and are not held up.

  Background:
    Given I use the aicc API
    And a webhook receiver "hook"
    When I send a POST request to "/__admin/aicc/subscriptions?tenant={{credential}}" with JSON:
      """
      {"channelId": "ch-order", "baseUrl": "{{receiver.hook}}", "auth": {"mode": "none"}}
      """
    Then the response status is 200
    When I send a POST request to "/__admin/aicc/conversations?tenant={{credential}}" with JSON:
      """
      {"channelId": "ch-order", "userId": "cust-1", "flow": "none"}
      """
    Then the response status is 200
    And I save the JSON at "id" as "conv"

  Scenario: Later messages wait while the first one is retried
    Given the webhook receiver "hook" answers 500 for the next 3 deliveries
    When I send a POST request to "/__admin/aicc/conversations/{{conv}}/messages?tenant={{credential}}" with JSON:
      """
      {"messages": [{"sourceType": "AGENT", "controlType": "CHAT", "mediaType": "TEXT", "content": "first"}]}
      """
    And I send a POST request to "/__admin/aicc/conversations/{{conv}}/messages?tenant={{credential}}" with JSON:
      """
      {"messages": [{"sourceType": "AGENT", "controlType": "CHAT", "mediaType": "TEXT", "content": "second"}]}
      """
    And I send a POST request to "/__admin/aicc/conversations/{{conv}}/messages?tenant={{credential}}" with JSON:
      """
      {"messages": [{"sourceType": "AGENT", "controlType": "DISCONNECT"}]}
      """
    Then the response status is 200
    And the webhook receiver "hook" has received 1 delivery
    Then within 30 seconds of simulated time the webhook receiver "hook" receives 6 deliveries
    And delivery 1 to "hook" has JSON at "messages[0].content" equal to "first"
    And delivery 3 to "hook" has JSON at "messages[0].content" equal to "first"
    And delivery 4 to "hook" has JSON at "messages[0].content" equal to "first"
    And delivery 5 to "hook" has JSON at "messages[0].content" equal to "second"
    And delivery 6 to "hook" has JSON at "messages[0].controlType" equal to "DISCONNECT"
    When I send a GET request to "/__admin/aicc/deliveries?tenant={{credential}}&outcome=success"
    Then the JSON at "deliveries[0].attempt" is 4
    And the JSON at "deliveries[1].attempt" is 1

  Scenario: A dead-lettered message releases the ones behind it, still in order
    Given the webhook receiver "hook" answers 500 for the next 8 deliveries
    When I send a POST request to "/__admin/aicc/conversations/{{conv}}/messages?tenant={{credential}}" with JSON:
      """
      {"messages": [{"sourceType": "AGENT", "controlType": "CHAT", "mediaType": "TEXT", "content": "lost"}]}
      """
    And I send a POST request to "/__admin/aicc/conversations/{{conv}}/messages?tenant={{credential}}" with JSON:
      """
      {"messages": [{"sourceType": "AGENT", "controlType": "CHAT", "mediaType": "TEXT", "content": "after"}]}
      """
    Then within 3 minutes of simulated time the webhook receiver "hook" receives 9 deliveries
    And delivery 8 to "hook" has JSON at "messages[0].content" equal to "lost"
    And delivery 9 to "hook" has JSON at "messages[0].content" equal to "after"
    When I send a GET request to "/__admin/aicc/dead-letters?tenant={{credential}}"
    Then the JSON at "deadLetters" has length 1
    And the JSON at "deadLetters[0].messages[0].content" is "lost"

  Scenario: A failing conversation does not hold up another conversation
    Given the webhook receiver "hook" answers 500 for the next 1 delivery
    When I send a POST request to "/__admin/aicc/conversations/{{conv}}/messages?tenant={{credential}}" with JSON:
      """
      {"messages": [{"sourceType": "AGENT", "controlType": "CHAT", "mediaType": "TEXT", "content": "for cust-1"}]}
      """
    Then the webhook receiver "hook" has received 1 delivery
    When I send a POST request to "/__admin/aicc/conversations?tenant={{credential}}" with JSON:
      """
      {"channelId": "ch-order", "userId": "cust-2", "flow": "none"}
      """
    And I save the JSON at "id" as "other"
    And I send a POST request to "/__admin/aicc/conversations/{{other}}/messages?tenant={{credential}}" with JSON:
      """
      {"messages": [{"sourceType": "AGENT", "controlType": "CHAT", "mediaType": "TEXT", "content": "for cust-2"}]}
      """
    Then the webhook receiver "hook" has received 2 deliveries
    And delivery 2 to "hook" has JSON at "messages[0].content" equal to "for cust-2"
    Then within 5 seconds of simulated time the webhook receiver "hook" receives 3 deliveries
    And delivery 3 to "hook" has JSON at "messages[0].content" equal to "for cust-1"
