@aicc @webhook
Feature: AICC pushes conversations to a webhook, signed with auth-v2
  A customer talks to AICC through the CC-Messaging up-link; AICC pushes every robot, system and
  agent message to the integration's webhook as a DownLinkMsg batch, signed auth-v2 with the
  subscription's push key. The integration verifies every signature. A scenario, chosen for the
  tenant or for one conversation, scripts what AICC says.

  Background:
    Given I use the aicc API
    And I set the header "x-app-key" to "app-1"
    And a webhook receiver "hook"
    And I save "FeatureSecretKey0123456789abcdefghijKLMNOPQ" as "pushKey"
    When I send a POST request to "/__admin/aicc/subscriptions?tenant={{credential}}" with JSON:
      """
      {"channelId": "ch-feature", "baseUrl": "{{receiver.hook}}",
       "auth": {"mode": "auth-v2", "accessKey": "feature-ak", "secretKey": "{{pushKey}}"}}
      """
    Then the response status is 200
    And the JSON at "auth.secretKey" is "****NOPQ"

  Scenario: A robot answers, the customer asks for an agent, and every push is signed
    Given the scenario "aicc-robot-then-agent" is active
    When I send a POST request to "/apiaccess/ccmessaging/send" with JSON:
      """
      {"channel": "WEB", "controlType": "CONNECT", "mediaType": "TEXT", "from": "cust-1",
       "to": "ch-feature", "sourceType": "CUSTOMER"}
      """
    Then the response status is 200
    And the JSON at "resultCode" is "0"
    And I save the JSON at "conversationId" as "conv"
    Then within 5 seconds of simulated time the webhook receiver "hook" receives 1 delivery
    And delivery 1 to "hook" has JSON at "messages[0].controlType" equal to "CONNECT"
    And delivery 1 to "hook" has JSON at "messages[0].sourceType" equal to "ROBOT"
    And delivery 1 to "hook" has JSON at "messages[0].to" equal to "cust-1"
    And delivery 1 to "hook" has JSON at "messages[0].callId" equal to "{{conv}}"
    When I send a POST request to "/apiaccess/ccmessaging/send" with JSON:
      """
      {"channel": "WEB", "controlType": "CHAT", "mediaType": "TEXT", "content": "I want to talk to an agent",
       "from": "cust-1", "to": "ch-feature", "sourceType": "CUSTOMER"}
      """
    Then the response status is 200
    Then within 30 seconds of simulated time the webhook receiver "hook" receives 5 deliveries
    And delivery 2 to "hook" has JSON at "messages[0].controlType" equal to "TRANS2AGENT"
    And delivery 3 to "hook" has JSON at "messages[0].content" equal to "Queuing..."
    And delivery 4 to "hook" has JSON at "messages[0].content" equal to "The call is connected to an agent."
    And delivery 5 to "hook" has JSON at "messages[0].sourceType" equal to "AGENT"
    And delivery 5 to "hook" has JSON at "messages[0].content" equal to "Hello, how can I help you?"
    And every delivery to "hook" has a valid "aicc-auth-v2" signature with secret "{{pushKey}}"
    When I send a GET request to "/__admin/aicc/conversations/{{conv}}?tenant={{credential}}"
    Then the JSON at "status" is "agent"
    And the JSON at "scenario" is "aicc-robot-then-agent"
    And the JSON at "uplink" has length 1
    And the simulator received 2 requests to SendMessage

  Scenario Outline: A scenario chosen for one conversation: <scenario>
    When I send a POST request to "/__admin/aicc/conversations?tenant={{credential}}" with JSON:
      """
      {"channelId": "ch-feature", "userId": "cust-2", "scenario": "<scenario>"}
      """
    Then the response status is 200
    And the JSON at "flow" is "none"
    And I save the JSON at "id" as "conv"
    Then within 4 minutes of simulated time the webhook receiver "hook" receives <pushes> deliveries
    And delivery <pushes> to "hook" has JSON at "messages[0].controlType" equal to "DISCONNECT"
    And delivery <pushes> to "hook" has JSON at "messages[0].sourceType" equal to "<source>"
    And delivery <pushes> to "hook" has JSON at "messages[0].content" equal to <content>
    And every delivery to "hook" has a valid "aicc-auth-v2" signature with secret "{{pushKey}}"
    When I send a GET request to "/__admin/aicc/conversations/{{conv}}?tenant={{credential}}"
    Then the JSON at "status" is "closed"
    And the JSON at "downlink" has length <pushes>

    Examples:
      | scenario               | pushes | source | content                                                         |
      | aicc-agent-disconnects | 3      | AGENT  | null                                                            |
      | aicc-timeout-async-off | 2      | SYSTEM | null                                                            |
      | aicc-timeout-async-on  | 2      | SYSTEM | "You can leave a message; we will answer as soon as possible." |

  Scenario: A timeout disconnect with the async switch on says so, and one with it off does not
    When I send a POST request to "/__admin/aicc/conversations?tenant={{credential}}" with JSON:
      """
      {"channelId": "ch-feature", "userId": "cust-3", "scenario": "aicc-timeout-async-on"}
      """
    Then the response status is 200
    Then within 4 minutes of simulated time the webhook receiver "hook" receives 2 deliveries
    And delivery 2 to "hook" has JSON at "messages[0].isOfflineStatus" equal to true
    And delivery 2 to "hook" has JSON at "messages[0].mediaType" equal to "TEXT"
    When I send a POST request to "/__admin/aicc/conversations?tenant={{credential}}" with JSON:
      """
      {"channelId": "ch-feature", "userId": "cust-4", "scenario": "aicc-timeout-async-off"}
      """
    Then within 4 minutes of simulated time the webhook receiver "hook" receives 4 deliveries
    And delivery 4 to "hook" has JSON at "messages[0].isOfflineStatus" equal to false
    And delivery 4 to "hook" has JSON at "messages[0].mediaType" equal to null
    And delivery 4 to "hook" has JSON at "messages[0].to" equal to "cust-4"
    And every delivery to "hook" has a valid "aicc-auth-v2" signature with secret "{{pushKey}}"
