#!/usr/bin/env python3
"""Replay the official MaiAgent Python examples' flows against Switchboard.

Mirrors Playma-Co-Ltd/maiagent-api-examples (examples/python/messages/chatbot_completion.py and
utils/maiagent.py) on the wire: base .../api/v1/, `Authorization: Api-Key`, snake_case
`is_streaming`, no Accept header, the non-streaming `conversationId` sent back as `conversation`,
and the presigned upload flow for images. The official helper reads the stream with `sseclient`;
this script parses the same `data: {json}` events itself so it needs only `requests`.

Usage: python3 scripts/maiagent_examples.py [BASE_URL] [API_KEY]
       (defaults: http://127.0.0.1:8080/maiagent/api/v1/ and example-key)
"""
import json
import os
import sys
import tempfile

import requests

BASE_URL = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/maiagent/api/v1/"
API_KEY = sys.argv[2] if len(sys.argv) > 2 else "example-key"
CHATBOT_ID = "6b0f6a44-3c1e-4a7b-9d2e-1f5c8a9b0c01"  # fixtures/maiagent.yaml
HEADERS = {"Authorization": f"Api-Key {API_KEY}"}
FAILURES = []


def check(name, ok, detail=""):
    print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f"  ({detail})" if detail and not ok else ""))
    if not ok:
        FAILURES.append(name)


def sse_events(response):
    """Yield each event's JSON, as sseclient.SSEClient(response).events() would."""
    data = []
    for raw in response.iter_lines(decode_unicode=False):
        line = raw.decode("utf-8")
        if line == "":
            if data:
                yield json.loads("\n".join(data))
            data = []
        elif line.startswith("data:"):
            data.append(line[5:].lstrip(" "))
    if data:
        yield json.loads("\n".join(data))


def create_chatbot_completion(content, attachments=None, conversation_id=None, is_streaming=False):
    url = f"{BASE_URL}chatbots/{CHATBOT_ID}/completions/"
    payload = {
        "conversation": conversation_id,
        "message": {"content": content, "attachments": attachments or []},
        "is_streaming": is_streaming,
    }
    if not is_streaming:
        r = requests.post(url, headers=HEADERS, json=payload)
        r.raise_for_status()
        return r.json()
    r = requests.post(url, headers=HEADERS, json=payload, stream=True)
    r.raise_for_status()
    return list(sse_events(r))


def streamed_text(events):
    # The official handler prints content only while done is False.
    return "".join(e["content"] for e in events if "content" in e and e.get("done") is False)


def test_with_streaming():
    events = create_chatbot_completion("使用串流模式測試：請給我一個笑話", is_streaming=True)
    text = streamed_text(events)
    print("   streamed:", text)
    check("streaming: several events, last done", len(events) > 2 and events[-1].get("done") is True)
    check("streaming: text", len(text) > 0)


def test_without_streaming():
    r = create_chatbot_completion("不使用串流模式測試：請給我一個笑話")
    print("   reply:", r)
    check("non-streaming: content and conversationId", bool(r.get("content")) and bool(r.get("conversationId")))


def test_conversation_flow():
    first = create_chatbot_completion("你好，請記住我說我叫小明")
    conv = first.get("conversationId")
    check("conversation: first turn has conversationId", bool(conv))
    events = create_chatbot_completion("我剛才說我叫什麼名字？", conversation_id=conv, is_streaming=True)
    text = streamed_text(events)
    print("   second turn:", text)
    check("conversation: second turn remembers the name", "小明" in text, text)
    check("conversation: same conversation", all(e.get("conversationId") == conv for e in events))


def upload_attachment_without_conversation(file_path, type_):
    r = requests.post(f"{BASE_URL}upload-presigned-url/",
                      headers={**HEADERS, "Content-Type": "application/json"},
                      data=json.dumps({"filename": os.path.basename(file_path), "modelName": "attachment",
                                       "fieldName": "file", "fileSize": os.path.getsize(file_path)}))
    r.raise_for_status()
    upload = r.json()
    with open(file_path, "rb") as f:
        fields = [(k, (None, upload["fields"][k])) for k in
                  ("key", "x-amz-algorithm", "x-amz-credential", "x-amz-date", "policy", "x-amz-signature")]
        fields.append(("file", (os.path.basename(file_path), f)))
        s3 = requests.post(upload["url"], files=fields)
    check(f"upload ({type_}): presigned POST answers 204", s3.status_code == 204, s3.text)
    r = requests.post(f"{BASE_URL}attachments/", headers=HEADERS,
                      json={"file": upload["fields"]["key"], "filename": os.path.basename(file_path), "type": type_})
    check(f"upload ({type_}): attachment 201", r.status_code == 201, r.text)
    return r.json()


def test_image_and_pdf():
    with tempfile.TemporaryDirectory() as d:
        img = os.path.join(d, "cat.jpg")
        with open(img, "wb") as f:
            f.write(b"\xff\xd8\xff\xe0" + b"switchboard test image" * 10)
        att = upload_attachment_without_conversation(img, "image")
        served = requests.get(att["file"])
        check("image: file served at its absolute URL", served.status_code == 200 and served.content.startswith(b"\xff\xd8"))
        attachments = [{"id": att["id"], "type": "image", "filename": att["filename"], "file": att["file"]}]
        text = streamed_text(create_chatbot_completion("請描述這張圖片的內容", attachments=attachments, is_streaming=True))
        print("   image reply:", text)
        check("image: reply acknowledges the image", "cat.jpg" in text, text)

        pdf = os.path.join(d, "sample.pdf")
        with open(pdf, "wb") as f:
            f.write(b"%PDF-1.4\n% switchboard\n")
        att = upload_attachment_without_conversation(pdf, "other")
        r = create_chatbot_completion("請分析這個PDF文件的內容並總結主要信息",
                                      attachments=[{"id": att["id"], "type": "other", "filename": att["filename"], "file": att["file"]}])
        check("pdf: non-streaming reply", bool(r.get("content")), str(r))


def main():
    print("base:", BASE_URL)
    for test in (test_with_streaming, test_without_streaming, test_conversation_flow, test_image_and_pdf):
        try:
            test()
        except Exception as e:  # report and go on, as the official script does
            check(test.__name__, False, repr(e))
    print(f"\n{len(FAILURES)} failure(s)")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
