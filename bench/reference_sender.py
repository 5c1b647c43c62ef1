"""The floor a cue bot is measured against: the least code that sends timed messages.

    python -m bench.reference_sender BASE_URL_WITH_TOKEN   (plan on stdin; see bench.wire)

Reads a JSON list of [chat_id, due unix time, text] from its first stdin line, prints
"ready", waits for a "go" line, then sends each message with sendMessage at its due time
(one aiohttp session of at most 256 connections, like the bot's, no retries, answers not
parsed) and prints "done" once all are answered; it exits when stdin closes. No database, no
scheduler, no Telegram objects: what is left is HTTP.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

import aiohttp


async def main(base_url: str) -> None:
    """Read the plan, signal ready, send on time after "go", signal done."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=1 << 26)  # the plan is one long line
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    plan = sorted(json.loads(await reader.readline()), key=lambda item: item[1])
    print("ready", flush=True)
    await reader.readline()
    connector = aiohttp.TCPConnector(limit=256)  # as many connections as the bot may open
    async with aiohttp.ClientSession(connector=connector) as session:
        sends = []
        for chat_id, due, text in plan:
            wait = due - time.time()
            if wait > 0:
                await asyncio.sleep(wait)
            sends.append(asyncio.create_task(_send(session, base_url, chat_id, text)))
        await asyncio.gather(*sends)
    print("done", flush=True)
    await reader.readline()  # stay until the benchmark has read this process's usage


async def _send(session: aiohttp.ClientSession, base_url: str, chat_id: int, text: str) -> None:
    async with session.post(
        f"{base_url}/sendMessage", data={"chat_id": str(chat_id), "text": text}
    ) as answer:
        await answer.read()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
